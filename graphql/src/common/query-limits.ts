import {
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { MAX_PAGE_SIZE } from './limits.ts';

/** The deepest an operation may nest fields (the standard introspection query needs 13). */
export const MAX_DEPTH = 15;
/** The most an operation may cost: each field 1, times the size of the lists it sits in. */
export const MAX_COST = 20_000;
/** Size assumed for a list without `first` (inbox, timeline…); a connection's `nodes` count once, `first` sized them. */
const ASSUMED_LIST_SIZE = 20;

// Structural checks rather than instanceof: the rule must work whichever copy of graphql built the schema.
const fieldsOf = (type: GraphQLNamedType | undefined): Record<string, GraphQLField<unknown, unknown>> =>
  type && 'getFields' in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>) : {};
const unwrap = (type: GraphQLType): GraphQLNamedType => ('ofType' in type ? unwrap(type.ofType) : type);
const isList = (type: GraphQLType) => String(type).replace(/!$/, '').startsWith('[');

interface Measure {
  depth: number;
  cost: number;
}

function measure(
  selectionSet: SelectionSetNode | undefined,
  parent: GraphQLNamedType | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  context: ValidationContext,
  seen: Set<string>,
): Measure {
  if (!selectionSet) return { depth: 0, cost: 0 };
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection (off in production) counts for depth, not for cost.
      const introspection = selection.name.value.startsWith('__');
      const field = fieldsOf(parent)[selection.name.value];
      const first = selection.arguments?.find((a) => a.name.value === 'first')?.value;
      const listSize = selection.name.value === 'nodes' ? 1 : ASSUMED_LIST_SIZE;
      const size =
        first?.kind === Kind.INT
          ? Number(first.value)
          : first
            ? MAX_PAGE_SIZE
            : field && isList(field.type)
              ? listSize
              : 1;
      const inner = measure(selection.selectionSet, field ? unwrap(field.type) : undefined, fragments, context, seen);
      depth = Math.max(depth, 1 + inner.depth);
      if (!introspection) cost += size * (1 + inner.cost);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
      const inner = measure(selection.selectionSet, type ?? undefined, fragments, context, seen);
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
    } else {
      const fragment = fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue;
      const type = context.getSchema().getType(fragment.typeCondition.name.value);
      const inner = measure(
        fragment.selectionSet,
        type ?? undefined,
        fragments,
        context,
        new Set([...seen, fragment.name.value]),
      );
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth, cost };
}

/**
 * Refuses operations nested deeper than MAX_DEPTH or costing more than MAX_COST, before they run;
 * `extensions.limit` names which (the server makes it the error's code).
 */
export const queryLimits: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    const fragments = Object.fromEntries(
      context
        .getDocument()
        .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    const schema = context.getSchema();
    const root =
      operation.operation === 'mutation'
        ? schema.getMutationType()
        : operation.operation === 'subscription'
          ? schema.getSubscriptionType()
          : schema.getQueryType();
    const { depth, cost } = measure(operation.selectionSet, root ?? undefined, fragments, context, new Set());
    if (depth > MAX_DEPTH) {
      context.reportError(
        new GraphQLError(
          `Requête trop profonde (${depth} niveaux, ${MAX_DEPTH} au plus) : demandez moins de champs imbriqués. / Query too deep (${depth} levels, at most ${MAX_DEPTH}).`,
          { nodes: [operation], extensions: { limit: 'QUERY_TOO_DEEP', depth, maxDepth: MAX_DEPTH } },
        ),
      );
    }
    if (cost > MAX_COST) {
      context.reportError(
        new GraphQLError(
          `Requête trop coûteuse (${cost} points, ${MAX_COST} au plus) : demandez des pages plus petites. / Query too costly (${cost} points, at most ${MAX_COST}).`,
          { nodes: [operation], extensions: { limit: 'QUERY_TOO_COSTLY', cost, maxCost: MAX_COST } },
        ),
      );
    }
  },
});
