/**
 * The town this portal serves, learnt at run time: the API writes it into the page it serves (a
 * `parvis-town` meta tag, from the request's host name or its `/t/<slug>/` prefix; see
 * graphql/src/towns/portal-head.ts). One build serves every town.
 */
export interface PortalTown {
  /** null: no town answers at this address */
  id: string | null;
  name: string;
  /** closed on Parvis: the portal says so and takes no request */
  disabled: boolean;
  logoUrl: string | null;
  /** the town's time zone (IANA): appointments' hours and "today" are on its clock */
  timeZone: string;
  /** the router's base: '' on the town's own host name, `/t/<slug>` on a shared one */
  base: string;
}

function readTown(): PortalTown {
  const content =
    typeof document === 'undefined'
      ? null
      : document.querySelector('meta[name="parvis-town"]')?.getAttribute('content');
  if (content) {
    try {
      return JSON.parse(content) as PortalTown;
    } catch {
      // a page not written by the API: as below
    }
  }
  // Vite's development server serves the page itself: the demo town.
  return { id: 'demo', name: 'Parvis', disabled: false, logoUrl: null, timeZone: 'Europe/Paris', base: '' };
}

export const TOWN: PortalTown = readTown();

/** The town's identifier, which the API's operations name ('' when no town answers here). */
export const MUNICIPALITY: string = TOWN.id ?? '';
