/**
 * The heading the API wrote into the page it served (a procedure's title, in French; see
 * graphql/src/towns/portal-head.ts): the page shows it at once, before its own data comes, so a
 * phone on a slow network shows what it opened a round trip sooner. Only at the address it was
 * served for.
 */
const served =
  typeof document === 'undefined'
    ? undefined
    : {
        path: location.pathname,
        heading: document.querySelector('meta[name="parvis-heading"]')?.getAttribute('content') ?? undefined,
      };

/** The served page's heading while the address is still the one served, else undefined. */
export function servedHeading(): string | undefined {
  return served && location.pathname === served.path ? served.heading : undefined;
}
