/**
 * The e-mail the citizen gave in this tab, passed from page to page in the history's state (never
 * in the address, never stored): it opens the receipt's documents and the tracking page at once.
 */
export function useRememberedEmail(): string | undefined {
  const email: unknown = window.history.state?.email;
  return typeof email === 'string' ? email : undefined;
}
