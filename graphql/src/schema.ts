import { agentResolvers, agentTypeDefs } from './agents/schema.ts';
import { JsonScalar } from './common/json-scalar.ts';
import { documentResolvers, documentTypeDefs } from './documents/schema.ts';
import { procedureResolvers, procedureTypeDefs } from './procedures/schema.ts';
import { requestResolvers, requestTypeDefs } from './requests/schema.ts';
import { taskResolvers, taskTypeDefs } from './tasks/schema.ts';

const baseTypeDefs = /* GraphQL */ `
  scalar JSON
  "Language of texts: French first, English second."
  enum Lang {
    fr
    en
  }
  type Query
  type Mutation
`;

/** The schema, one part per domain. */
export const typeDefs = [
  baseTypeDefs,
  procedureTypeDefs,
  requestTypeDefs,
  documentTypeDefs,
  taskTypeDefs,
  agentTypeDefs,
];

export const resolvers = [
  { JSON: JsonScalar },
  procedureResolvers,
  requestResolvers,
  documentResolvers,
  taskResolvers,
  agentResolvers,
];
