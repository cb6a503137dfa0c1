import { GraphQLError, type ValidationRule } from 'graphql';
import { measureOperation } from './query-cost.ts';

/** The deepest an operation may nest fields (the standard introspection query needs 13). */
export const MAX_DEPTH = 15;
/** The most an operation may cost (query-cost.ts says how a cost is counted). */
export const MAX_COST = 20_000;
/** The most aliased fields in one operation: aliases multiply work without multiplying requests. */
export const MAX_ALIASES = 30;

/**
 * Refuses, before it runs, an operation nested deeper than MAX_DEPTH, costing more than MAX_COST,
 * with more than MAX_ALIASES aliases, or giving a `first` outside 1…the list's maximum (limits.ts);
 * `extensions.limit` names which (the server makes it the error's code).
 */
export const queryLimits: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    const { depth, cost, aliases, badPageSizes } = measureOperation(
      context.getSchema(),
      context.getDocument(),
      operation,
    );
    const refuse = (message: string, extensions: Record<string, unknown>) =>
      context.reportError(new GraphQLError(message, { nodes: [operation], extensions }));
    for (const { field, first, max } of badPageSizes) {
      refuse(
        `${field} : first doit être entre 1 et ${max} (reçu ${first}). / ${field}: first must be between 1 and ${max} (got ${first}).`,
        { limit: 'BAD_USER_INPUT', field: 'first' },
      );
    }
    if (depth > MAX_DEPTH) {
      refuse(
        `Requête trop profonde (${depth} niveaux, ${MAX_DEPTH} au plus) : demandez moins de champs imbriqués. / Query too deep (${depth} levels, at most ${MAX_DEPTH}).`,
        { limit: 'QUERY_TOO_DEEP', depth, maxDepth: MAX_DEPTH },
      );
    }
    if (aliases > MAX_ALIASES) {
      refuse(
        `Trop d'alias dans la requête (${aliases}, ${MAX_ALIASES} au plus) : envoyez plusieurs requêtes. / Too many aliases (${aliases}, at most ${MAX_ALIASES}).`,
        { limit: 'QUERY_TOO_COSTLY', aliases, maxAliases: MAX_ALIASES },
      );
    }
    if (cost > MAX_COST) {
      refuse(
        `Requête trop coûteuse (${cost} points, ${MAX_COST} au plus) : demandez des pages plus petites. / Query too costly (${cost} points, at most ${MAX_COST}).`,
        { limit: 'QUERY_TOO_COSTLY', cost, maxCost: MAX_COST },
      );
    }
  },
});
