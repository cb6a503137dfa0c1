import type { LocationQuery } from 'vue-router';

// A link mailed for sign-in or sign-up opens in another tab, which knows nothing of the page the
// citizen came from: that page is remembered in this browser until the link is opened.
const REMEMBERED = 'parvis.signIn.return';

const ours = (path: unknown): path is string =>
  typeof path === 'string' && path.startsWith('/') && !path.startsWith('//');

/** Where to go once signed in: the page asked for before (`retour`), if it is one of ours. */
export function returnPath(query: LocationQuery, fallback = '/mon-compte'): string {
  return ours(query.retour) ? query.retour : fallback;
}

/** Keeps the page to come back to after a mailed link (none: the account). */
export function rememberReturn(query: LocationQuery) {
  try {
    if (ours(query.retour)) localStorage.setItem(REMEMBERED, query.retour);
    else localStorage.removeItem(REMEMBERED);
  } catch {
    // Storage refused: the link leads to the account.
  }
}

/** The page remembered for a mailed link, forgotten once read. */
export function rememberedReturn(): string {
  try {
    const path = localStorage.getItem(REMEMBERED);
    localStorage.removeItem(REMEMBERED);
    return ours(path) ? path : '/mon-compte';
  } catch {
    return '/mon-compte';
  }
}
