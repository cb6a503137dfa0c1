import type { FirstScreenPage } from './first-screens.ts';

/**
 * The citizen pages whose component the server can tell from the address (portal/src/router.ts
 * declares them for the portal): their chunks are preloaded in the page served, and the first
 * three have a first screen drawn in it.
 */
const CITIZEN_PAGES: { path: RegExp; component: string; firstScreen?: FirstScreenPage }[] = [
  { path: /^\/$/, component: 'src/pages/citizen/CataloguePage.vue', firstScreen: 'catalogue' },
  { path: /^\/demarches\/[^/]+$/, component: 'src/pages/citizen/ProcedureFormPage.vue', firstScreen: 'procedure' },
  { path: /^\/suivi(\/[^/]+)?$/, component: 'src/pages/citizen/TrackingPage.vue', firstScreen: 'tracking' },
  { path: /^\/recu\/[^/]+$/, component: 'src/pages/citizen/ReceiptPage.vue' },
];

export const citizenPageAt = (path: string) => CITIZEN_PAGES.find((page) => page.path.test(path));

export const citizenPageComponents = () => CITIZEN_PAGES.map((page) => page.component);
