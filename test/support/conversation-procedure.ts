import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Json } from '@parvis/engine';
import { deployProcedure } from '@parvis/graphql';
import { eventually, type GraphqlClient } from './graphql-client.ts';
import type { RunningParvis } from './parvis.ts';

/** The form of `dossier`: a café's terrace, with a plan (PDF) and the citizen's e-mail. */
const FORM: Json = {
  type: 'default',
  id: 'dossier-form',
  components: [
    {
      id: 'Field_adresse',
      key: 'adresse',
      type: 'textfield',
      label: 'Adresse de la terrasse',
      validate: { required: true },
    },
    {
      id: 'Field_surface',
      key: 'surface',
      type: 'number',
      label: 'Surface (m²)',
      validate: { required: true, min: 1, max: 500 },
    },
    { id: 'Field_plan', key: 'plan', type: 'filepicker', label: 'Plan de la terrasse', accept: '.pdf' },
    { id: 'Field_email', key: 'email', type: 'textfield', label: 'Votre adresse e-mail', validate: { required: true } },
  ],
};

/** The check an agent makes: complete, or a document missing (named). */
const CHECK: Json = {
  type: 'default',
  id: 'dossier-check',
  components: [
    {
      id: 'Field_decision',
      key: 'decision',
      type: 'radio',
      label: 'Le dossier est-il complet ?',
      values: [
        { label: 'Complet', value: 'complet' },
        { label: 'Incomplet', value: 'incomplet' },
      ],
      validate: { required: true },
    },
    { id: 'Field_piece', key: 'piece', type: 'textfield', label: 'Pièce manquante' },
  ],
};

/**
 * Deploys `dossier` in the demo town (test/fixtures/conversation-procedure.bpmn): the reception
 * (group accueil) checks it; a missing document is asked for by a send task's mail, and the request
 * waits for the citizen's answer, then is checked again.
 */
export async function deployConversationProcedure(parvis: RunningParvis): Promise<void> {
  await deployProcedure(
    parvis.sql,
    'demo',
    {
      key: 'dossier',
      title: { fr: 'Terrasse de café', en: 'Café terrace' },
      bpmn: await readFile(join(import.meta.dirname, '../fixtures/conversation-procedure.bpmn'), 'utf8'),
      forms: { 'dossier-form': FORM, 'dossier-check': CHECK },
    },
    'test',
  );
}

/**
 * Deploys `dossier-signe` (test/fixtures/conversation-signed-procedure.bpmn): the same form, the
 * department (group service) signs its opinion, then the reception checks the file.
 */
export async function deploySignedConversationProcedure(parvis: RunningParvis): Promise<void> {
  await deployProcedure(
    parvis.sql,
    'demo',
    {
      key: 'dossier-signe',
      title: { fr: 'Terrasse avec avis signé', en: 'Terrace with a signed opinion' },
      bpmn: await readFile(join(import.meta.dirname, '../fixtures/conversation-signed-procedure.bpmn'), 'utf8'),
      forms: { 'dossier-form': FORM },
    },
    'test',
  );
}

const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;

/** Files a terrace request as its citizen (`dossier`, or `dossier-signe`); its tracking code. */
export async function fileDossier(parvis: RunningParvis, email: string, procedure = 'dossier'): Promise<string> {
  const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
    procedure,
    data: { adresse: '3 rue des Lilas', surface: 12, email },
  });
  return submitRequest.trackingCode;
}

/** A demo agent's client, signed in. */
export async function agentClient(parvis: RunningParvis, email: string, password: string): Promise<GraphqlClient> {
  const client = parvis.client();
  await client.data(
    `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`,
    { email, password },
  );
  return client;
}

/** The request's open check task, once it is open. */
export function openCheck(parvis: RunningParvis, code: string): Promise<string> {
  return eventually(async () => {
    const [task] = await parvis.sql<{ id: string }[]>`select t.id from tasks t join requests r on r.id = t.request_id
      where r.tracking_code = ${code} and t.element_id = 'Check' and t.status = 'open'`;
    return task?.id;
  }, 60_000);
}

/** The last mail the SMTP sink received for an address whose text holds `holding`. */
export function mailTo(parvis: RunningParvis, email: string, holding: string) {
  return eventually(async () =>
    [...parvis.smtp.messages()].reverse().find((mail) => mail.to.includes(email) && mail.text.includes(holding)),
  );
}

/** The token of a tracking link in a mail's text (…/suivi/<code>?lien=<token>). */
export function trackingLinkIn(text: string): { url: string; token: string } {
  const match = text.match(/(https?:\/\/\S+\/suivi\/\S+\?lien=([\w-]+))/);
  if (!match) throw new Error(`no tracking link in: ${text}`);
  return { url: match[1]!, token: match[2]! };
}
