import type { LocationQuery } from 'vue-router';

/** Where to go once signed in: the page asked for before (`retour`), if it is one of ours. */
export function returnPath(query: LocationQuery, fallback = '/mon-compte'): string {
  const back = query.retour;
  return typeof back === 'string' && back.startsWith('/') && !back.startsWith('//') ? back : fallback;
}
