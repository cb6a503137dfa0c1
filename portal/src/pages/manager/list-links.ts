// The dashboard's ways into the request list: each figure, breakdown row, late request and map
// area opens the list filtered to the requests it counts (pages/agent/request-list).
import type { LatLng } from '../../components/map/web-mercator.ts';
import type { Lang } from '../../composables/useI18n.ts';
import { type RequestListFilter, requestListRoute } from '../agent/request-list/request-list-query.ts';

/** The days of the dashboard's period: requests submitted in it. */
export interface Period {
  from: string;
  to: string;
}

const submittedIn = (period: Period): RequestListFilter => ({ submittedFrom: period.from, submittedTo: period.to });

/** The requests a breakdown row counts: submitted in the period, of this status, channel, procedure or service. */
export function breakdownRoute(by: 'status' | 'channel' | 'procedure' | 'service', key: string | null, period: Period) {
  return key === null ? undefined : requestListRoute({ ...submittedIn(period), [by]: key });
}

/** The lists behind the figures: submitted in the period, closed (latest first), open now. */
export const figureRoutes = (period: Period) => ({
  submitted: requestListRoute(submittedIn(period)),
  closed: requestListRoute({ status: 'closed' }, 'recentlyClosed'),
  backlog: requestListRoute({ open: true }, 'deadlineFirst'),
});

/** Open requests past their deadline, or at risk of missing it, whatever the period: the nearest deadline first. */
export const LATE_ROUTE = requestListRoute({ open: true, deadline: 'breached' }, 'deadlineFirst');
export const AT_RISK_ROUTE = requestListRoute({ open: true, deadline: 'atRisk' }, 'deadlineFirst');

/** The requests of the period inside the map's area (south-west and north-east corners). */
export const areaRoute = (southWest: LatLng, northEast: LatLng, period: Period) =>
  requestListRoute({
    ...submittedIn(period),
    within: {
      south: Number(southWest.latitude.toFixed(5)),
      west: Number(southWest.longitude.toFixed(5)),
      north: Number(northEast.latitude.toFixed(5)),
      east: Number(northEast.longitude.toFixed(5)),
    },
  });

const fr = {
  list: 'Voir ces demandes dans la liste',
  late: 'Toutes les demandes ouvertes en retard',
  atRisk: 'Toutes les demandes ouvertes en risque',
  area: 'Les demandes de la zone affichée, dans la liste',
  open: 'Ouvrir la demande {code}',
};
const en: typeof fr = {
  list: 'See these requests in the list',
  late: 'Every open request that is late',
  atRisk: 'Every open request at risk',
  area: 'The requests of the area shown, in the list',
  open: 'Open request {code}',
};

/** A text of the dashboard's links in the language asked. */
export const listLinkText = (lang: Lang, key: keyof typeof fr, params: Record<string, string> = {}) =>
  (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
