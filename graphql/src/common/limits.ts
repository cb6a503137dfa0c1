import { userError } from './errors.ts';

/** The most items one page of a list may hold. */
export const MAX_PAGE_SIZE = 100;

/** Lists whose pages may hold more, by `Type.field`: an inbox, a dashboard's map and its late requests. */
const LARGER_PAGES: Readonly<Record<string, number>> = {
  'Query.workQueue': 200,
  'Query.incidents': 200,
  'Dashboard.atRisk': 500,
  'Dashboard.geolocated': 5_000,
};

/** The most items one page of this list (`Type.field`) may hold. */
export const maxPageSize = (field: string): number => LARGER_PAGES[field] ?? MAX_PAGE_SIZE;

/** A page size asked for, checked against the maximum. */
export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw userError(
      'BAD_USER_INPUT',
      `first doit être entre 1 et ${MAX_PAGE_SIZE}. / first must be between 1 and ${MAX_PAGE_SIZE}.`,
      { field: 'first' },
    );
  }
  return size;
}
