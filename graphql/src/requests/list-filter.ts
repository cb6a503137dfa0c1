import { CHANNELS } from '@parvis/engine';
import { parseDate } from '../common/cursor.ts';
import { schemaWord } from '../common/enum-words.ts';
import { userError } from '../common/errors.ts';

// The request list's filter as a client sends it (GraphQL's RequestFilter, or the export's
// address), checked whole: a value the list does not know is refused with the field it came in,
// never silently ignored (an export of "everything" when a filter was mistyped would mislead).

/** Where a request stands: filed, being handled, closed, or stopped by a failure. */
export const REQUEST_STATUSES = ['submitted', 'inProgress', 'closed', 'failed'] as const;
/** Where a request stands against its deadline: on time, at risk, late (breached), or paused while the citizen is asked. */
export const SLA_STATES = ['onTime', 'atRisk', 'breached', 'paused'] as const;
/** How the list may be sorted; the first is the default. */
export const REQUEST_SORTS = ['newestFirst', 'oldestFirst', 'deadlineFirst', 'recentlyClosed'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

/** Radius of a "near" filter, metres. */
export const NEAR_RADIUS = { min: 10, max: 50_000, default: 500 } as const;

/** The filter as it arrives (GraphQL input or JSON of the export's address): anything may be wrong. */
export interface RequestFilterInput {
  status?: unknown;
  open?: unknown;
  channel?: unknown;
  procedure?: unknown;
  service?: unknown;
  group?: unknown;
  submittedFrom?: unknown;
  submittedTo?: unknown;
  deadline?: unknown;
  assignee?: unknown;
  within?: unknown;
  near?: unknown;
  search?: unknown;
}

/** A box on the map, in degrees. */
export interface BoundingBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** A checked filter: every value known in kind (whether a procedure or an agent exists is checked against the town: list.ts). */
export interface RequestFilter {
  status?: (typeof REQUEST_STATUSES)[number];
  /** true: still open (submitted or in progress); false: closed or failed */
  open?: boolean;
  channel?: string;
  procedure?: string;
  /** a service as the dashboard counts requests by: a department's name, a group's name or key, or a procedure's department */
  service?: string;
  /** a group key: requests with a task for that group */
  group?: string;
  submittedFrom?: Date;
  submittedTo?: Date;
  deadline?: (typeof SLA_STATES)[number];
  /** an agent's id: requests with an open task assigned to them */
  assignee?: string;
  /** the place of the request inside this box (a "near" filter becomes one too) */
  within?: BoundingBox;
  /** words of the form data (French stemming), or a tracking code */
  search?: string;
}

const FILTER_FIELDS = new Set<string>([
  'status',
  'open',
  'channel',
  'procedure',
  'service',
  'group',
  'submittedFrom',
  'submittedTo',
  'deadline',
  'assignee',
  'within',
  'near',
  'search',
]);

const refuse = (field: string, fr: string, en: string) =>
  userError('BAD_USER_INPUT', `filter.${field} : ${fr} / filter.${field}: ${en}`, { field: `filter.${field}` });

function text(input: RequestFilterInput, field: keyof RequestFilterInput, maxLength = 200): string | undefined {
  const value = input[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw refuse(field, 'un texte est attendu.', 'text expected.');
  const trimmed = value.trim();
  if (trimmed.length > maxLength)
    throw refuse(field, `${maxLength} caractères au plus.`, `at most ${maxLength} characters.`);
  return trimmed || undefined;
}

function oneOf<T extends string>(input: RequestFilterInput, field: keyof RequestFilterInput, known: readonly T[]) {
  const value = text(input, field);
  if (value === undefined) return undefined;
  if (!(known as readonly string[]).includes(value))
    throw refuse(field, `« ${value} » inconnu (${known.join(', ')}).`, `unknown "${value}" (${known.join(', ')}).`);
  return value as T;
}

function flag(input: RequestFilterInput, field: keyof RequestFilterInput): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw refuse(field, 'true ou false est attendu.', 'true or false expected.');
  return value;
}

function number(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw refuse(
      field,
      `un nombre entre ${min} et ${max} est attendu.`,
      `a number between ${min} and ${max} expected.`,
    );
  return value;
}

function box(value: unknown): BoundingBox | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object')
    throw refuse('within', 'south, west, north et east sont attendus.', 'south, west, north and east expected.');
  const { south, west, north, east } = value as Record<string, unknown>;
  const found = {
    south: number(south, 'within.south', -90, 90),
    west: number(west, 'within.west', -180, 180),
    north: number(north, 'within.north', -90, 90),
    east: number(east, 'within.east', -180, 180),
  };
  if (found.south > found.north) throw refuse('within', 'le sud doit être sous le nord.', 'south must be below north.');
  if (found.west > found.east)
    throw refuse('within', 'l’ouest doit être à gauche de l’est.', 'west must be left of east.');
  return found;
}

const METRES_PER_DEGREE = 111_320;

/** The box around a point: `radius` metres each way (a square, which is enough to find a place on a map). */
function around(value: unknown): BoundingBox | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object')
    throw refuse('near', 'latitude, longitude et radius sont attendus.', 'latitude, longitude and radius expected.');
  const near = value as Record<string, unknown>;
  const latitude = number(near.latitude, 'near.latitude', -90, 90);
  const longitude = number(near.longitude, 'near.longitude', -180, 180);
  const radius = number(near.radius ?? NEAR_RADIUS.default, 'near.radius', NEAR_RADIUS.min, NEAR_RADIUS.max);
  const dLat = radius / METRES_PER_DEGREE;
  const dLng = radius / (METRES_PER_DEGREE * Math.max(Math.cos((latitude * Math.PI) / 180), 0.01));
  return {
    south: Math.max(-90, latitude - dLat),
    north: Math.min(90, latitude + dLat),
    west: Math.max(-180, longitude - dLng),
    east: Math.min(180, longitude + dLng),
  };
}

/** The filter checked and typed, or BAD_USER_INPUT naming the first field that is wrong. */
export function parseRequestFilter(input: RequestFilterInput | null | undefined): RequestFilter {
  if (input === null || input === undefined) return {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw userError('BAD_USER_INPUT', 'filter : un objet est attendu. / filter: an object expected.', {
      field: 'filter',
    });
  const unknown = Object.keys(input).find((key) => !FILTER_FIELDS.has(key));
  if (unknown)
    throw refuse(
      unknown,
      `filtre inconnu (${[...FILTER_FIELDS].join(', ')}).`,
      `unknown filter (${[...FILTER_FIELDS].join(', ')}).`,
    );
  const dateOf = (field: 'submittedFrom' | 'submittedTo') => parseDate(text(input, field), `filter.${field}`);
  const within = box(input.within);
  const near = around(input.near);
  if (within && near)
    throw refuse('near', 'choisissez une zone ou un point, pas les deux.', 'choose a box or a point, not both.');
  const filter: RequestFilter = {
    status: oneOf(input, 'status', REQUEST_STATUSES),
    open: flag(input, 'open'),
    channel: oneOf(input, 'channel', CHANNELS),
    procedure: text(input, 'procedure'),
    service: text(input, 'service'),
    group: text(input, 'group'),
    submittedFrom: dateOf('submittedFrom'),
    submittedTo: dateOf('submittedTo'),
    deadline: oneOf(input, 'deadline', SLA_STATES),
    assignee: text(input, 'assignee', 36),
    within: within ?? near,
    search: text(input, 'search'),
  };
  if (filter.submittedFrom && filter.submittedTo && filter.submittedFrom >= filter.submittedTo)
    throw refuse('submittedTo', 'la fin doit suivre le début.', 'the end must come after the start.');
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as RequestFilter;
}

/** The sort asked, or BAD_USER_INPUT. */
export function parseRequestSort(value: unknown): RequestSort {
  if (value === undefined || value === null || value === '') return 'newestFirst';
  if (typeof value !== 'string' || !(REQUEST_SORTS as readonly string[]).includes(value)) {
    // named as the schema's RequestSort spells them: only the export's address can send a wrong one
    const known = REQUEST_SORTS.map(schemaWord).join(', ');
    throw userError(
      'BAD_USER_INPUT',
      `sort : « ${String(value).slice(0, 50)} » inconnu (${known}). / sort: unknown (${known}).`,
      { field: 'sort' },
    );
  }
  return value as RequestSort;
}
