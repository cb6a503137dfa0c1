import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import type { RequestRow } from '../requests/repository.ts';
import { tellCitizen } from './citizen-mail.ts';
import { attachMessageFiles } from './message-files.ts';
import { checkedText, requestClosed } from './refusals.ts';
import { conversationRepository, type MessageRow } from './repository.ts';

/**
 * An agent the request concerns writes to its citizen — a message, or a question that awaits their
 * answer — with files uploaded for the conversation; the citizen is told by e-mail with the code and
 * a link. Closed requests: agents may still inform the citizen (a decision's follow-up, works done,
 * a correction of what was said), because the town hall stays answerable after closing; but they
 * cannot ask anything there, since the citizen can no longer answer a closed request.
 */
export async function writeToCitizen(
  ctx: ApiContext,
  agent: SignedInAgent,
  request: RequestRow,
  input: { text: string; files?: readonly string[] | null; question?: boolean | null },
): Promise<MessageRow> {
  const body = checkedText(input.text);
  const kind = input.question ? 'question' : 'message';
  const message = await ctx.db.within(request.municipality_id, async (tx) => {
    if (request.status === 'closed' && kind === 'question') {
      throw userError(
        'REQUEST_CLOSED',
        `La demande ${request.tracking_code} est close : son ou sa citoyenne ne peut plus y répondre. Écrivez-lui un message d'information, sans question. / Request ${request.tracking_code} is closed: its citizen can no longer answer it. Write them a message that asks nothing.`,
        { field: 'question' },
      );
    }
    const files = await attachMessageFiles(tx, request, input.files);
    const messages = conversationRepository(tx);
    const row = await messages.add({
      municipalityId: request.municipality_id,
      requestId: request.id,
      side: 'townHall',
      author: { id: agent.id, name: agent.displayName },
      kind,
      body,
    });
    await messages.linkFiles(row.id, files);
    // Whoever writes has read what they answer.
    await messages.markRead(request.municipality_id, request.id, agent.id);
    return row;
  });
  await tellCitizenLater(ctx, request, { kind });
  return message;
}

/**
 * The citizen writes to the town hall (signed in, or with the e-mail; see reader.ts
 * findCitizenRequest), with files uploaded for the conversation. A closed request refuses, saying
 * since when and how to ask something new. An answer to a question goes through answerRequest.
 */
export async function writeToTownHall(
  ctx: ApiContext,
  request: RequestRow,
  input: { text: string; files?: readonly string[] | null },
): Promise<MessageRow> {
  const body = checkedText(input.text);
  return ctx.db.within(request.municipality_id, async (tx) => {
    if (request.status === 'closed') throw await requestClosed(tx, request, ctx.publicUrl);
    const files = await attachMessageFiles(tx, request, input.files);
    const messages = conversationRepository(tx);
    const row = await messages.add({
      municipalityId: request.municipality_id,
      requestId: request.id,
      side: 'citizen',
      kind: 'message',
      body,
    });
    await messages.linkFiles(row.id, files);
    await messages.markRead(request.municipality_id, request.id, 'citizen');
    return row;
  });
}

/** The mail goes once the message is stored; a mail server away loses the mail, not the message. */
export async function tellCitizenLater(
  ctx: ApiContext,
  request: RequestRow,
  message: Parameters<typeof tellCitizen>[2],
): Promise<void> {
  await tellCitizen(ctx, request, message).catch((error: unknown) =>
    ctx.log(
      `conversation: the mail to the citizen of ${request.tracking_code} failed (${(error as { code?: string }).code ?? 'error'})`,
    ),
  );
}
