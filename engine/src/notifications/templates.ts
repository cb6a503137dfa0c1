// Sandbox-safe: the words of Parvis's notifications, by event and language, and how a procedure's own
// texts fill them. Pure, so the workers send them and the designer's dry run shows them alike.

/** Events Parvis tells people about; a procedure may word each its own way (its texts). */
export const NOTIFICATION_EVENTS = [
  'acknowledgement',
  'fileIncomplete',
  'fileComplete',
  'taskOpened',
  'slaReminder',
  'slaBreached',
  'implicitDecision',
  'mergedInto',
  'requestClosed',
] as const;

export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export interface MessageText {
  subject: string;
  body: string;
}

/** A procedure's own texts, by event and language, overriding the defaults (procedure_versions.texts). */
export type ProcedureTexts = Partial<Record<NotificationEvent, { fr?: MessageText; en?: MessageText }>>;

const TEMPLATE_VARIABLE = /\{\{(\w+)\}\}/g;

/** The variables a template names (`{{name}}`), each once, in order of appearance. */
export function templateVariableNames(template: string): string[] {
  return [...new Set([...template.matchAll(TEMPLATE_VARIABLE)].map((m) => m[1]!))];
}

/** Default texts. `{{name}}` is a variable; a line whose variables are all empty is left out. */
export const DEFAULT_TEXTS: Record<NotificationEvent, { fr: MessageText; en: MessageText }> = {
  acknowledgement: {
    fr: {
      subject: 'Accusé de réception — {{procedure}} — {{trackingCode}}',
      body: [
        'Bonjour,',
        '',
        '{{municipality}} a bien reçu votre demande « {{procedure}} » le {{receivedAt}}.',
        'Votre numéro de suivi : {{trackingCode}}',
        'Suivre votre demande : {{trackingUrl}}',
        'Service qui la traite : {{service}} — {{contact}}',
        'Adresse : {{serviceAddress}}',
        'Téléphone : {{servicePhone}}',
        'Délai de traitement : {{instructionDelay}}',
        'Réponse au plus tard le : {{dueDate}}',
        '{{silenceMention}}',
        'Accusé de réception (PDF) : {{receiptUrl}}',
      ].join('\n'),
    },
    en: {
      subject: 'Acknowledgement — {{procedure}} — {{trackingCode}}',
      body: [
        'Hello,',
        '',
        '{{municipality}} received your request "{{procedure}}" on {{receivedAt}}.',
        'Your tracking code: {{trackingCode}}',
        'Follow your request: {{trackingUrl}}',
        'Handled by: {{service}} — {{contact}}',
        'Address: {{serviceAddress}}',
        'Phone: {{servicePhone}}',
        'Processing time: {{instructionDelay}}',
        'Answer by: {{dueDate}}',
        '{{silenceMentionEn}}',
      ].join('\n'),
    },
  },
  // CRPA art. L114-5: the pieces missing, the time given to send them, and that the delays wait for them.
  fileIncomplete: {
    fr: {
      subject: 'Dossier incomplet — {{procedure}} — {{trackingCode}}',
      body: [
        'Bonjour,',
        '',
        'Votre demande « {{procedure}} », reçue le {{receivedAt}}, est incomplète : pour l’instruire, {{municipality}} a besoin des pièces suivantes.',
        '{{missingPieces}}',
        'Envoyez-les au plus tard le {{piecesDeadline}}, depuis la page de suivi de votre demande ou au service qui la traite : {{service}} — {{contact}}.',
        'Le délai de traitement de votre demande, et celui au terme duquel le silence de l’administration vaudrait décision, ne courent qu’à compter de la réception de ces pièces (article L114-5 du code des relations entre le public et l’administration).',
        'Suivre votre demande : {{trackingUrl}}',
      ].join('\n'),
    },
    en: {
      subject: 'Incomplete file — {{procedure}} — {{trackingCode}}',
      body: [
        'Hello,',
        '',
        'Your request "{{procedure}}", received on {{receivedAt}}, is incomplete: to examine it, {{municipality}} needs the following pieces.',
        '{{missingPieces}}',
        'Please send them by {{piecesDeadline}}, from your request’s tracking page or to the department handling it: {{service}} — {{contact}}.',
        'The time to deal with your request, and the time after which the administration’s silence would be a decision, only start once these pieces are received (article L114-5 of the code des relations entre le public et l’administration).',
      ].join('\n'),
    },
  },
  fileComplete: {
    fr: {
      subject: 'Dossier complet — {{procedure}} — {{trackingCode}}',
      body: [
        'Bonjour,',
        '',
        'Le dossier de votre demande « {{procedure}} » est complet depuis le {{completeAt}} : son instruction commence.',
        'Réponse au plus tard le : {{dueDate}}',
        '{{silenceMention}}',
        'Accusé de réception (PDF) : {{receiptUrl}}',
      ].join('\n'),
    },
    en: {
      subject: 'Complete file — {{procedure}} — {{trackingCode}}',
      body: [
        'Hello,',
        '',
        'The file of your request "{{procedure}}" is complete since {{completeAt}}: its examination starts.',
        'Answer by: {{dueDate}}',
        '{{silenceMentionEn}}',
      ].join('\n'),
    },
  },
  taskOpened: {
    fr: {
      subject: 'Nouvelle tâche « {{task}} » — {{procedure}} — {{trackingCode}}',
      body: 'Une tâche « {{task}} » attend votre groupe ({{groups}}) pour la demande {{trackingCode}} ({{procedure}}).\nÀ traiter avant le : {{dueDate}}\nOuvrir : {{taskUrl}}',
    },
    en: {
      subject: 'New task "{{task}}" — {{trackingCode}}',
      body: 'A task "{{task}}" awaits your group ({{groups}}) for request {{trackingCode}}.\nDue by: {{dueDate}}',
    },
  },
  slaReminder: {
    fr: {
      subject: 'Rappel : la demande {{trackingCode}} arrive à échéance le {{dueDate}}',
      body: 'La demande {{trackingCode}} ({{procedure}}) doit être traitée avant le {{dueDate}}.\nTâches ouvertes : {{tasks}}',
    },
    en: {
      subject: 'Reminder: request {{trackingCode}} is due on {{dueDate}}',
      body: 'Request {{trackingCode}} must be handled by {{dueDate}}.\nOpen tasks: {{tasks}}',
    },
  },
  slaBreached: {
    fr: {
      subject: 'Délai dépassé : demande {{trackingCode}} ({{procedure}})',
      body: 'La demande {{trackingCode}} ({{procedure}}) devait être traitée avant le {{dueDate}}.\nTâches ouvertes : {{tasks}}',
    },
    en: {
      subject: 'Deadline missed: request {{trackingCode}}',
      body: 'Request {{trackingCode}} was due by {{dueDate}}.\nOpen tasks: {{tasks}}',
    },
  },
  implicitDecision: {
    fr: {
      subject: 'Votre demande {{trackingCode}} : décision implicite {{decisionFr}}',
      body: 'Sans réponse de {{municipality}} depuis le {{delayStart}}, votre demande « {{procedure}} » a fait l’objet d’une décision implicite {{decisionFr}} le {{decisionDate}}.\nAttestation : {{certificateUrl}}\n{{appealRoutes}}',
    },
    en: {
      subject: 'Your request {{trackingCode}}: implicit {{decisionEn}}',
      body: 'With no answer from {{municipality}} since {{delayStart}}, your request "{{procedure}}" was implicitly {{decisionEnPast}} on {{decisionDate}}.\n{{appealRoutesEn}}',
    },
  },
  // A duplicate closes, pointing to the request that carries the same report now.
  mergedInto: {
    fr: {
      subject: 'Votre demande {{trackingCode}} est rattachée à la demande {{mainTrackingCode}}',
      body: [
        'Bonjour,',
        '',
        'Votre demande {{trackingCode}} « {{procedure}} » porte sur le même problème, au même endroit, que la demande {{mainTrackingCode}}, déjà en cours : nous les traitons ensemble.',
        'Votre demande {{trackingCode}} est donc close ; vous serez prévenu(e) par e-mail quand le problème sera réglé.',
        'Merci de nous l’avoir signalé.',
      ].join('\n'),
    },
    en: {
      subject: 'Your request {{trackingCode}} joins request {{mainTrackingCode}}',
      body: [
        'Hello,',
        '',
        'Your request {{trackingCode}} "{{procedure}}" is about the same problem, at the same place, as request {{mainTrackingCode}}, already in hand: we deal with them together.',
        'Your request {{trackingCode}} is therefore closed; we will e-mail you once the problem is solved.',
        'Thank you for reporting it.',
      ].join('\n'),
    },
  },
  // Told to those who follow a request (who followed it instead of filing it again, reporters of duplicates merged into it).
  requestClosed: {
    fr: {
      subject: 'Demande {{trackingCode}} traitée — {{procedure}}',
      body: [
        'Bonjour,',
        '',
        'La demande {{trackingCode}} « {{procedure}} », que vous suivez, a été traitée le {{closedAt}}.',
        'Merci de nous avoir aidés à entretenir notre commune. Si le problème est toujours là, signalez-le à nouveau.',
      ].join('\n'),
    },
    en: {
      subject: 'Request {{trackingCode}} dealt with',
      body: [
        'Hello,',
        '',
        'Request {{trackingCode}} "{{procedure}}", which you follow, was dealt with on {{closedAt}}.',
        'Thank you for helping us look after our town. If the problem is still there, please report it again.',
      ].join('\n'),
    },
  },
};

/** Fills `{{name}}` variables; a line whose variables are all empty is left out. Notifications and reply templates share it. */
export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template
    .split('\n')
    .filter((line) => {
      const names = templateVariableNames(line);
      return names.length === 0 || names.some((name) => vars[name]);
    })
    .map((line) => line.replace(TEMPLATE_VARIABLE, (_, name: string) => vars[name] ?? ''))
    .join('\n');
}

/**
 * An event's subject and body in French and English: the procedure's texts where it has them,
 * filled. English texts take `englishVars` when given (their dates in English words), else `vars`.
 */
export function renderTexts(
  event: NotificationEvent,
  vars: Record<string, string>,
  texts: ProcedureTexts = {},
  englishVars: Record<string, string> = vars,
): { fr: MessageText; en: MessageText } {
  const filled = (text: MessageText, values: Record<string, string>) => ({
    subject: fillTemplate(text.subject, values),
    body: fillTemplate(text.body, values),
  });
  return {
    fr: filled(texts[event]?.fr ?? DEFAULT_TEXTS[event].fr, vars),
    en: filled(texts[event]?.en ?? DEFAULT_TEXTS[event].en, englishVars),
  };
}

/** The message for an event as one e-mail: the French subject, the French body then the English one. */
export function renderNotification(
  event: NotificationEvent,
  vars: Record<string, string>,
  texts: ProcedureTexts = {},
  englishVars: Record<string, string> = vars,
): { subject: string; text: string } {
  const { fr, en } = renderTexts(event, vars, texts, englishVars);
  return { subject: fr.subject, text: `${fr.body}\n\n---\n\n${en.body}` };
}
