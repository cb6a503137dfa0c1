import { buildSchema, printSchema } from 'graphql';
import { liveTypeDefs } from './live/schema.ts';
import { typeDefs } from './schema.ts';

/** Where the printed schema is committed: what clients diff between releases, and what codegen reads. */
export const schemaFile = new URL('../schema.graphql', import.meta.url);

/** The whole API's schema (HTTP and subscriptions, as server.ts joins them) as SDL, in the domains' order. */
export function printApiSchema(): string {
  return `${printSchema(buildSchema([...typeDefs, liveTypeDefs].join('\n')))}\n`;
}
