import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { maxPageSize } from './limits.ts';

/** Size assumed for a list without `first` (inbox, timeline…); a connection's `nodes` count once, `first` sized them. */
const ASSUMED_LIST_SIZE = 20;

/**
 * What one introspection root field (`__schema`, `__type`) costs, whatever it selects: the whole
 * schema is about a thousand fields, and clients ask for it once.
 */
export const INTROSPECTION_COST = 1_000;

/**
 * Resolvers that cost far more than reading a row, by `Type.field`: each adds this many points,
 * once, whatever list it sits in. A dashboard took about 25 ms on a small database (400 of them, 10 s: issue 18's
 * probe) and runs a dozen aggregates over the period; metrics, a person's data and the searching
 * lists run several queries or a full-text search each.
 */
export const HEAVY_FIELDS: Readonly<Record<string, number>> = {
  'Query.dashboard': 1_000,
  'Query.metrics': 200,
  'Query.myData': 100,
  'Query.dataSubjectExport': 100,
  'Query.processingRegister': 50,
  'Query.requests': 50,
  'Query.searchCitizens': 50,
  'Query.citizenRecord': 50,
};

/** What an operation asks of the server, measured before it runs. */
export interface OperationMeasure {
  /** The deepest nesting of fields. */
  depth: number;
  /**
   * Each object the answer may hold one point (a list of them: its page size, or 20 for a list
   * without `first`), each heavy resolver its weight, each introspection INTROSPECTION_COST.
   * Scalars are read with the row they belong to and cost nothing of their own.
   */
  cost: number;
  /** How many fields carry an alias. */
  aliases: number;
  /** `first` literals outside 1…the list's maximum (maxPageSize), with the field and that maximum. */
  badPageSizes: { field: string; first: string; max: number }[];
}

// Structural checks rather than instanceof: the rule must work whichever copy of graphql built the schema.
const fieldsOf = (type: GraphQLNamedType | undefined): Record<string, GraphQLField<unknown, unknown>> =>
  type && 'getFields' in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>) : {};
const unwrap = (type: GraphQLType): GraphQLNamedType => ('ofType' in type ? unwrap(type.ofType) : type);
const isList = (type: GraphQLType) => String(type).replace(/!$/, '').startsWith('[');

/**
 * Measures every field the operation names, those under `@skip` or `@include` too: a directive's
 * condition may come from a variable, and a field that never runs costs little to count.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationMeasure {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const result: OperationMeasure = { depth: 0, cost: 0, aliases: 0, badPageSizes: [] };

  /** How many objects the field may answer. */
  const itemsOf = (selection: FieldNode, coordinate: string, field: GraphQLField<unknown, unknown> | undefined) => {
    const first = selection.arguments?.find((a) => a.name.value === 'first')?.value;
    const max = maxPageSize(coordinate);
    if (first?.kind === Kind.INT) {
      const size = Number(first.value);
      if (size >= 1 && size <= max) return size;
      result.badPageSizes.push({ field: selection.name.value, first: first.value, max });
      return max;
    }
    if (first) return max; // a variable: the most it may be
    if (field && isList(field.type)) return selection.name.value === 'nodes' ? 1 : ASSUMED_LIST_SIZE;
    return 1;
  };

  const walk = (
    selectionSet: SelectionSetNode | undefined,
    parent: GraphQLNamedType | undefined,
    seen: ReadonlySet<string>,
  ): { depth: number; cost: number } => {
    if (!selectionSet) return { depth: 0, cost: 0 };
    let depth = 0;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) result.aliases++;
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') {
          // Counted whole for cost, walked for depth only.
          const inner = walk(selection.selectionSet, undefined, seen);
          depth = Math.max(depth, 1 + inner.depth);
          cost += INTROSPECTION_COST;
          continue;
        }
        const field = fieldsOf(parent)[name];
        const coordinate = `${parent?.name}.${name}`;
        const inner = walk(selection.selectionSet, field ? unwrap(field.type) : undefined, seen);
        depth = Math.max(depth, 1 + inner.depth);
        cost += HEAVY_FIELDS[coordinate] ?? 0;
        if (selection.selectionSet) cost += itemsOf(selection, coordinate, field) * (1 + inner.cost);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        const inner = walk(selection.selectionSet, type ?? undefined, seen);
        depth = Math.max(depth, inner.depth);
        cost += inner.cost;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        const inner = walk(fragment.selectionSet, type ?? undefined, new Set([...seen, fragment.name.value]));
        depth = Math.max(depth, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth, cost };
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const { depth, cost } = walk(operation.selectionSet, root ?? undefined, new Set());
  return { ...result, depth, cost };
}
