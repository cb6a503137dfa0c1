// The request list's filter and sort in the page's address, in French words, so that a reload or a
// shared link shows the same list: /agent/demandes?statut=closed&demarche=signalement&pres=48.85,2.35&rayon=200.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { RequestSort } from '../../../graphql/generated/operations.ts';

/** The list's filter, as the API's RequestFilter takes it. */
export interface RequestListFilter {
  status?: string;
  /** true: still open (received or in progress); false: closed or stopped */
  open?: boolean;
  channel?: string;
  procedure?: string;
  service?: string;
  group?: string;
  /** YYYY-MM-DD, included */
  submittedFrom?: string;
  /** YYYY-MM-DD, included (the API takes the day after: submittedTo is exclusive) */
  submittedTo?: string;
  deadline?: string;
  assignee?: string;
  within?: { south: number; west: number; north: number; east: number };
  near?: { latitude: number; longitude: number; radius: number };
  search?: string;
}

export const SORTS = ['newestFirst', 'oldestFirst', 'deadlineFirst', 'recentlyClosed'] as const;
export type RequestListSort = (typeof SORTS)[number];

/** A sort as the API's RequestSort spells it (DEADLINE_FIRST); the page's address keeps deadlineFirst. */
export const schemaSort = (sort: RequestListSort): RequestSort =>
  sort.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() as RequestSort;

/** A view of the list: what it keeps, and in which order. */
export interface RequestListView {
  filter: RequestListFilter;
  sort: RequestListSort;
}

// Address word of each plain text field of the filter.
const WORDS = {
  status: 'statut',
  channel: 'canal',
  procedure: 'demarche',
  service: 'service',
  group: 'groupe',
  submittedFrom: 'du',
  submittedTo: 'au',
  deadline: 'delai',
  assignee: 'agent',
  search: 'q',
} as const satisfies Partial<Record<keyof RequestListFilter, string>>;
type TextField = keyof typeof WORDS;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_RADIUS = 500;

const one = (query: LocationQuery, name: string) => {
  const value = query[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
};
const numbers = (text: string | undefined, count: number) => {
  const parts = text?.split(',').map(Number) ?? [];
  return parts.length === count && parts.every(Number.isFinite) ? parts : undefined;
};

/** The view the address says; what it cannot read is left out, and the API refuses what it does not know. */
export function viewOf(query: LocationQuery): RequestListView {
  const filter: RequestListFilter = {};
  for (const [field, word] of Object.entries(WORDS) as [TextField, string][]) {
    const value = one(query, word);
    if (value) filter[field] = value;
  }
  const open = one(query, 'ouvertes');
  if (open === 'oui' || open === 'non') filter.open = open === 'oui';
  for (const field of ['submittedFrom', 'submittedTo'] as const)
    if (filter[field] && !DAY.test(filter[field]!)) delete filter[field];
  const box = numbers(one(query, 'zone'), 4);
  if (box) filter.within = { south: box[0]!, west: box[1]!, north: box[2]!, east: box[3]! };
  const point = numbers(one(query, 'pres'), 2);
  if (point)
    filter.near = { latitude: point[0]!, longitude: point[1]!, radius: Number(one(query, 'rayon')) || DEFAULT_RADIUS };
  const sort = one(query, 'tri') as RequestListSort | undefined;
  return { filter, sort: sort && SORTS.includes(sort) ? sort : 'newestFirst' };
}

/** The address of a view (the inverse of viewOf): empty fields and the default sort say nothing. */
export function queryOf(view: RequestListView): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  for (const [field, word] of Object.entries(WORDS) as [TextField, string][]) {
    const value = view.filter[field];
    if (value) query[word] = value;
  }
  const { within, near, open } = view.filter;
  if (open !== undefined) query.ouvertes = open ? 'oui' : 'non';
  if (within) query.zone = [within.south, within.west, within.north, within.east].join(',');
  if (near) {
    query.pres = `${near.latitude},${near.longitude}`;
    query.rayon = String(near.radius);
  }
  if (view.sort !== 'newestFirst') query.tri = view.sort;
  return query;
}

/** The filter as the API takes it: days from the browser's midnight, the last one included (the API's end is exclusive). */
export function apiFilter(filter: RequestListFilter): Record<string, unknown> {
  const { submittedFrom, submittedTo, ...rest } = filter;
  const midnight = (day: string, plusDays = 0) => {
    const date = new Date(`${day}T00:00:00`);
    date.setDate(date.getDate() + plusDays);
    return date.toISOString();
  };
  return {
    ...rest,
    ...(submittedFrom ? { submittedFrom: midnight(submittedFrom) } : {}),
    ...(submittedTo ? { submittedTo: midnight(submittedTo, 1) } : {}),
  };
}

/** The list's address for a filter and sort: what the dashboard and the request page link to. */
export const requestListRoute = (filter: RequestListFilter, sort: RequestListSort = 'newestFirst') => ({
  name: 'requests',
  query: queryOf({ filter, sort }),
});

/** Whether the view narrows the list at all. */
export const isFiltered = (filter: RequestListFilter) => Object.keys(filter).length > 0;
