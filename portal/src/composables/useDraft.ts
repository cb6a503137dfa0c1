/**
 * What was typed in a form, kept in this tab (sessionStorage) under a key, so that a page left for
 * a sign-in after the session expired, or reloaded, gives it back. Closing the tab forgets it.
 */
export function useDraft(key: string) {
  const storageKey = `parvis.draft.${key}`;

  function load(): Record<string, unknown> | undefined {
    try {
      const saved = sessionStorage.getItem(storageKey);
      return saved ? (JSON.parse(saved) as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  function save(data: Record<string, unknown>) {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(data));
    } catch {
      // Storage refused (private browsing, quota): the draft then lives only in the page.
    }
  }

  function clear() {
    try {
      sessionStorage.removeItem(storageKey);
    } catch {
      // Nothing was kept.
    }
  }

  return { load, save, clear };
}
