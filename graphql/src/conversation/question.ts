import type { ApiContext } from '../common/context.ts';
import { awaitsAnswer } from '../follow-up/answer.ts';
import type { RequestRow } from '../requests/repository.ts';
import { conversationRepository, type MessageRow } from './repository.ts';

/**
 * What the citizen is asked now, shown beside the answer box: the question or correction an agent
 * asked and the citizen has not answered, else — while the request's workflow waits for the
 * citizen's answer — the town hall's latest message (most often the mail a send task wrote, which
 * the conversation keeps), unless it was answered already. Nothing on a closed request.
 */
export async function currentQuestion(ctx: ApiContext, request: RequestRow): Promise<MessageRow | undefined> {
  if (request.status === 'closed' || request.status === 'failed') return undefined;
  const { open, last } = await ctx.db.within(request.municipality_id, async (tx) => {
    const messages = conversationRepository(tx);
    return { open: await messages.openQuestion(request.id), last: await messages.lastFromTownHall(request.id) };
  });
  if (open) return open;
  if (!last || last.answered || !(await awaitsAnswer(ctx, request))) return undefined;
  return last;
}
