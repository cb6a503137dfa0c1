/**
 * A page's loads overlap (a live change, a new filter, another period) and answers may come back
 * out of order: only the answer to the last load asked may be shown. `begin()` marks a new load
 * and returns whether it is still the last one.
 */
export function latestLoad(): () => () => boolean {
  let last = 0;
  return () => {
    const mine = ++last;
    return () => mine === last;
  };
}
