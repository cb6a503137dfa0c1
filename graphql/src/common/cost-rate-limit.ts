import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { TokenBuckets } from './client-rate-limit.ts';
import type { ApiContext } from './context.ts';
import { measureOperation } from './query-cost.ts';

/**
 * Points of cost one token of the client's bucket pays for. The request itself took one token at
 * the door (client-rate-limit.ts); an operation costing more takes one more per COST_PER_TOKEN
 * points, so a client asking for costly operations reaches its limit sooner than one asking for
 * a page of its inbox (cost ≈ 60).
 */
export const COST_PER_TOKEN = 100;

/**
 * Charges an operation's cost to the client's bucket, over HTTP and over the socket alike: the
 * refusal to answer when the bucket is empty, or nothing when it paid.
 */
export function chargeCost(
  buckets: TokenBuckets,
  client: string,
  cost: { schema: GraphQLSchema; document: DocumentNode; operation: OperationDefinitionNode },
  log: (line: string) => void,
): GraphQLError | undefined {
  const extra = Math.floor(measureOperation(cost.schema, cost.document, cost.operation).cost / COST_PER_TOKEN);
  if (extra === 0) return undefined;
  const taken = buckets.take(client, extra);
  if (taken.ok) return undefined;
  const { retryAfterSeconds } = taken;
  log(`rate limit: ${client} refused an operation of ${extra} tokens, retry after ${retryAfterSeconds} s`);
  return new GraphQLError(
    `Trop de requêtes coûteuses : réessayez dans ${retryAfterSeconds} s. / Too many costly requests: try again in ${retryAfterSeconds} s.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}

/** Charges each operation's cost to the client's bucket once it is validated, before it runs. */
export function costRateLimit(buckets: TokenBuckets, log: (line: string) => void): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, schema }) {
          const client = contextValue.res.locals.client as string | undefined;
          if (!client || !operation) return;
          const refused = chargeCost(buckets, client, { schema, document, operation }, log);
          if (refused) throw refused;
        },
      };
    },
  };
}
