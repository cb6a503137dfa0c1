import DataLoader from 'dataloader';
import { byMunicipality, loaderKey } from '../common/batch.ts';
import type { ApiContext } from '../common/context.ts';
import { requestShownTo } from '../requests/access.ts';
import type { RequestRow } from '../requests/repository.ts';
import { conversationRepository } from './repository.ts';

const loaders = new WeakMap<ApiContext, DataLoader<string, number>>();

/**
 * How many messages the other side wrote since the reader last read the request's conversation,
 * for a whole list at once: an agent the request concerns reads as the town hall (their own
 * marker), anyone else as its citizen — the reader rule of reader.ts, checked for the list in one
 * query per municipality.
 */
export function unreadMessages(ctx: ApiContext, request: RequestRow): Promise<number> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader<string, number>(async (keys) => {
      const found = new Map<string, number>();
      for (const [municipalityId, ids] of byMunicipality(keys)) {
        await ctx.db.within(municipalityId, async (tx) => {
          const agent = ctx.agent;
          const asAgent = agent
            ? (
                await tx<
                  { id: string }[]
                >`select r.id from requests r where r.id in ${tx(ids)} and ${requestShownTo(tx, agent)}`
              ).map((row) => row.id)
            : [];
          const asCitizen = ids.filter((id) => !asAgent.includes(id));
          const messages = conversationRepository(tx);
          const counts = [
            ...(asAgent.length ? await messages.unreadCounts(asAgent, 'townHall', agent!.id) : []),
            ...(asCitizen.length ? await messages.unreadCounts(asCitizen, 'citizen', 'citizen') : []),
          ];
          for (const [requestId, count] of counts) found.set(loaderKey(municipalityId, requestId), count);
        });
      }
      return keys.map((key) => found.get(key) ?? 0);
    });
    loaders.set(ctx, loader);
  }
  return loader.load(loaderKey(request.municipality_id, request.id));
}
