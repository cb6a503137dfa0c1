// Element templates (Camunda 8 format) for the job types Parvis runs itself (workers/src/jobs/job-types.ts).
// The same JSON works in Camunda Desktop Modeler: put it in its resources/element-templates folder.

const taskType = (type: string) => ({
  type: 'Hidden',
  value: type,
  binding: { type: 'zeebe:taskDefinition', property: 'type' },
});

const input = (
  name: string,
  label: string,
  description: string,
  options: { optional?: boolean; multiline?: boolean } = {},
) => ({
  id: name,
  label,
  description,
  type: options.multiline ? 'Text' : 'String',
  feel: 'optional',
  binding: { type: 'zeebe:input', name },
  ...(options.optional ? { optional: true } : { constraints: { notEmpty: true } }),
});

const base = {
  $schema: 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json',
  version: 1,
  appliesTo: ['bpmn:Task', 'bpmn:ServiceTask', 'bpmn:SendTask'],
};

/** Parvis's service-task templates: e-mail, SMS, webhook, document. */
export const PARVIS_TEMPLATES = [
  {
    ...base,
    id: 'parvis.send-email',
    name: 'Parvis — envoyer un e-mail / send an e-mail',
    description: 'Envoie un e-mail (une seule fois, même si l’étape est rejouée). / Sends an e-mail, once.',
    elementType: { value: 'bpmn:SendTask' },
    properties: [
      taskType('parvis:send-email'),
      input('to', 'Destinataire / To', 'Adresse e-mail, ou expression FEEL, ex. =email'),
      input('subject', 'Objet / Subject', 'Texte, ou expression FEEL'),
      input('body', 'Message / Body', 'Texte, ou expression FEEL', { multiline: true }),
    ],
  },
  {
    ...base,
    id: 'parvis.send-sms',
    name: 'Parvis — envoyer un SMS / send an SMS',
    description: 'Envoie un SMS par la passerelle de la mairie. / Sends an SMS through the gateway.',
    elementType: { value: 'bpmn:SendTask' },
    properties: [
      taskType('parvis:send-sms'),
      input('to', 'Numéro / To', 'Numéro de téléphone, ou expression FEEL, ex. =phone'),
      input('text', 'Texte / Text', 'Texte du SMS, ou expression FEEL', { multiline: true }),
    ],
  },
  {
    ...base,
    id: 'parvis.webhook',
    name: 'Parvis — appeler un webhook / call a webhook',
    description:
      'POST des variables en JSON ; un objet JSON en réponse revient en variables. / POSTs the variables as JSON.',
    elementType: { value: 'bpmn:ServiceTask' },
    properties: [taskType('parvis:webhook'), input('url', 'Adresse / URL', 'https://…, ou expression FEEL')],
  },
  {
    ...base,
    id: 'parvis.document',
    name: 'Parvis — produire un document / generate a document',
    description: 'Produit un PDF pour la demande (ex. attestation). / Generates a PDF for the request.',
    elementType: { value: 'bpmn:ServiceTask' },
    properties: [
      taskType('parvis:document'),
      {
        id: 'template',
        label: 'Modèle / Template',
        type: 'Dropdown',
        value: 'letter',
        choices: [
          { name: 'Courrier / Letter', value: 'letter' },
          { name: 'Arrêté / Permit', value: 'permit' },
          { name: 'Extrait d’état civil / Civil status extract', value: 'civil-status-extract' },
          { name: 'Décision / Decision', value: 'decision' },
        ],
        binding: { type: 'zeebe:input', name: 'template' },
      },
    ],
  },
];
