import { TRACKING_LINK_DAYS } from '@parvis/engine';
import type { ApiContext } from '../common/context.ts';
import type { RequestRow } from '../requests/repository.ts';
import type { CorrectionField, MessageKind } from './repository.ts';
import { issueTrackingLink } from './tracking-links.ts';

/** What the town hall's message asks, in the mail's first line (French, English). */
function lead(kind: MessageKind, town: string, fields: CorrectionField[]) {
  const labels = fields.map((f) => f.label).join(', ');
  if (kind === 'question')
    return [`${town} vous pose une question`, `${town} has a question for you`, 'et répondez', 'and answer it'];
  if (kind === 'correction')
    return [
      `${town} vous demande de corriger : ${labels}`,
      `${town} asks you to correct: ${labels}`,
      'et corrigez',
      'and correct them',
    ];
  return [`${town} vous a écrit`, `${town} wrote to you`, 'et répondez si besoin', 'and answer if need be'];
}

/**
 * Tells the request's citizen that the town hall wrote to them: the tracking code, and a link that
 * opens the request without typing the e-mail. The message itself stays on the tracking page (an
 * e-mail is no safe place for what a file holds). A request filed without an e-mail gets none: the
 * agent reaches that citizen by the channel they came by.
 */
export async function tellCitizen(
  ctx: ApiContext,
  request: RequestRow,
  message: { kind: MessageKind; fields?: CorrectionField[] },
): Promise<boolean> {
  const to = request.citizen_email;
  if (!to) return false;
  const { link, town } = await ctx.db.within(request.municipality_id, async (tx) => {
    const [row] = await tx<{ name: string }[]>`select name from municipalities where id = ${request.municipality_id}`;
    return { link: await issueTrackingLink(tx, ctx.publicUrl, request), town: row?.name ?? '' };
  });
  const [fr, en, frVerb, enVerb] = lead(message.kind, town, message.fields ?? []);
  await ctx.mailer.send({
    to,
    fromName: town,
    subject: `Nouveau message — ${request.procedure_title_fr} — ${request.tracking_code}`,
    text: [
      'Bonjour,',
      '',
      `${fr} au sujet de votre demande « ${request.procedure_title_fr} » (n° ${request.tracking_code}).`,
      `Lisez le message ${frVerb} sur la page de suivi de votre demande :`,
      link,
      `Ce lien ouvre votre demande sans saisir votre adresse e-mail ; il est valable ${TRACKING_LINK_DAYS} jours. Ne le transférez pas.`,
      '',
      '---',
      '',
      'Hello,',
      '',
      `${en} about your request "${request.procedure_title_en}" (${request.tracking_code}).`,
      `Read the message ${enVerb} on your request's tracking page:`,
      link,
      `This link opens your request without typing your e-mail address; it works for ${TRACKING_LINK_DAYS} days. Do not forward it.`,
    ].join('\n'),
  });
  return true;
}
