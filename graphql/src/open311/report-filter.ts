import { Open311Error } from './errors.ts';
import type { ReportFilter } from './repository.ts';

/** How far back GET requests looks without dates, and the widest range it takes (the spec's 90 days). */
const WINDOW_MS = 90 * 24 * 3600 * 1000;

/** A W3C date-time (the spec's format), or a bare date. */
const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

const STATUSES = ['open', 'closed'] as const;

function list(query: Record<string, unknown>, name: string): string[] | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  // `?status=open&status=closed` and `?status=open,closed` alike
  const given = (Array.isArray(value) ? value : [value]).map(String).join(',');
  const items = given
    .split(',')
    .map((one) => one.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

function dateOf(query: Record<string, unknown>, name: string): Date | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  const parsed = typeof value === 'string' && W3C.test(value) ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new Open311Error(
      400,
      `${name} : date W3C attendue (2026-01-31T00:00:00Z), reçu ${JSON.stringify(value)}. / ${name}: a W3C date-time is expected (2026-01-31T00:00:00Z).`,
    );
  }
  return parsed;
}

/**
 * GET requests' parameters as GeoReport gives them: `service_request_id` (a comma list) overrides
 * every other; `service_code` and `status` are comma lists; `start_date` and `end_date` span at
 * most 90 days, the last 90 days when neither is given. A value it cannot take is refused.
 */
export function reportFilter(query: Record<string, unknown>, now = new Date()): ReportFilter {
  const ids = list(query, 'service_request_id');
  if (ids) return { codes: ids.map((id) => id.toUpperCase()) };
  const statuses = list(query, 'status');
  const unknown = statuses?.find((s) => !(STATUSES as readonly string[]).includes(s));
  if (unknown) {
    throw new Open311Error(400, `status : open ou closed, reçu ${JSON.stringify(unknown)}. / status: open or closed.`);
  }
  const serviceCodes = list(query, 'service_code');
  const badCode = serviceCodes?.find((c) => !/^[\w.-]{1,100}$/.test(c));
  if (badCode)
    throw new Open311Error(400, `service_code invalide : ${JSON.stringify(badCode)}. / Invalid service_code.`);
  const start = dateOf(query, 'start_date');
  const end = dateOf(query, 'end_date');
  const from = start ?? new Date((end ?? now).getTime() - WINDOW_MS);
  const to = end ?? (start ? new Date(start.getTime() + WINDOW_MS) : now);
  if (to < from) throw new Open311Error(400, 'end_date précède start_date. / end_date is before start_date.');
  if (to.getTime() - from.getTime() > WINDOW_MS) {
    throw new Open311Error(
      400,
      'start_date et end_date : 90 jours au plus. / start_date to end_date spans 90 days at most.',
    );
  }
  return {
    ...(serviceCodes ? { serviceCodes } : {}),
    ...(statuses ? { statuses: statuses as ('open' | 'closed')[] } : {}),
    from,
    to,
  };
}
