import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { citizenPageAt } from './citizen-pages.ts';

/** The pages the portal's build draws a first screen for (portal/src/first-screen.ts). */
export type FirstScreenPage = 'catalogue' | 'procedure' | 'tracking';

/**
 * The first screen of one page, still to fill (graphql/src/towns/portal-head.ts fills it): HTML
 * with `{{town}}`, `{{base}}`, `{{heading}}` and `{{logo}}` (the town's logo, `logo`), and the
 * script to run before it paints.
 */
export interface FirstScreen {
  page: string;
  logo: string;
  guard: string;
}

/** What the portal's build wrote to `first-screens.json`: the first screen of each page. */
interface FirstScreens extends Omit<FirstScreen, 'page'> {
  pages: Record<FirstScreenPage, string>;
}

/**
 * The first screen the portal's build drew for the page at `path` (its layout's header and
 * opening lines); undefined for other pages, or a build without the file.
 */
export function firstScreens(portalDir: string): (path: string) => FirstScreen | undefined {
  let screens: FirstScreens;
  try {
    screens = JSON.parse(readFileSync(join(portalDir, 'first-screens.json'), 'utf8'));
  } catch {
    return () => undefined;
  }
  return (path) => {
    const page = citizenPageAt(path)?.firstScreen;
    return page ? { page: screens.pages[page], logo: screens.logo, guard: screens.guard } : undefined;
  };
}
