import { agentRequestUrl } from '@parvis/engine';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { checkedText } from '../conversation/refusals.ts';
import { mayReadRequest } from '../requests/access.ts';
import type { RequestRow } from '../requests/repository.ts';
import { type Colleague, noteRepository } from './repository.ts';

const asAgent = (colleague: Colleague): SignedInAgent => ({
  id: colleague.id,
  municipalityId: colleague.municipality_id,
  email: colleague.email,
  displayName: colleague.display_name,
  roles: colleague.roles,
  groups: colleague.groups,
});

/** Colleagues who may be mentioned on the request: those the request concerns (requests/access.ts), not the writer. */
export function mentionableColleagues(ctx: ApiContext, agent: SignedInAgent, request: RequestRow) {
  return ctx.db.within(request.municipality_id, async (tx) => {
    const colleagues = (await noteRepository(tx).colleagues()).filter((colleague) => colleague.id !== agent.id);
    const shown = await Promise.all(colleagues.map((colleague) => mayReadRequest(tx, asAgent(colleague), request)));
    return colleagues.filter((_, index) => shown[index]);
  });
}

/**
 * An agent the request concerns writes a private note on it — for colleagues only, never shown to
 * the citizen — mentioning colleagues (@name) the request concerns too: each is told by e-mail with
 * the request's code and page, and sees a marker until they have read it. A colleague who may not
 * see the request is refused by name: the mention would lead them nowhere.
 */
export async function addNote(
  ctx: ApiContext,
  agent: SignedInAgent,
  request: RequestRow,
  input: { text: string; mentions?: readonly string[] | null },
): Promise<string> {
  const body = checkedText(input.text);
  const wanted = [...new Set(input.mentions ?? [])].filter((id) => id !== agent.id);
  const mentionable = wanted.length ? await mentionableColleagues(ctx, agent, request) : [];
  const unknown = wanted.filter((id) => !mentionable.some((colleague) => colleague.id === id));
  if (unknown.length > 0) {
    throw userError(
      'BAD_USER_INPUT',
      `On ne peut mentionner que des collègues qui voient cette demande (${mentionable.map((c) => c.display_name).join(', ') || 'aucun'}) : ${unknown.length} mention(s) refusée(s). / Only colleagues who see this request can be mentioned: ${unknown.length} mention(s) refused.`,
      { field: 'mentions' },
    );
  }
  const mentioned = mentionable.filter((colleague) => wanted.includes(colleague.id));
  const id = await ctx.db.within(request.municipality_id, (tx) =>
    noteRepository(tx).add({
      municipalityId: request.municipality_id,
      requestId: request.id,
      author: { id: agent.id, name: agent.displayName },
      body,
      mentions: mentioned.map((colleague) => colleague.id),
    }),
  );
  for (const colleague of mentioned) {
    await tellMentioned(ctx, agent, request, colleague, body).catch((error: unknown) =>
      ctx.log(
        `notes: the mention mail on ${request.tracking_code} failed (${(error as { code?: string }).code ?? 'error'})`,
      ),
    );
  }
  return id;
}

/** The mentioned colleague's mail: who, on which request, the note, and the request's page. */
async function tellMentioned(
  ctx: ApiContext,
  agent: SignedInAgent,
  request: RequestRow,
  colleague: Colleague,
  body: string,
) {
  const url = agentRequestUrl(ctx.publicUrl, request.tracking_code);
  const [town] = await ctx.db.within(
    request.municipality_id,
    (tx) => tx<{ name: string }[]>`select name from municipalities where id = ${request.municipality_id}`,
  );
  return ctx.mailer.send({
    to: colleague.email,
    fromName: town?.name,
    subject: `${agent.displayName} vous mentionne — demande ${request.tracking_code}`,
    text: [
      'Bonjour,',
      '',
      `${agent.displayName} vous mentionne dans une note interne sur la demande ${request.tracking_code} (${request.procedure_title_fr}) :`,
      '',
      body,
      '',
      `Ouvrir la demande : ${url}`,
      '',
      '---',
      '',
      `${agent.displayName} mentioned you in an internal note on request ${request.tracking_code} (${request.procedure_title_en}).`,
      `Open the request: ${url}`,
    ].join('\n'),
  });
}
