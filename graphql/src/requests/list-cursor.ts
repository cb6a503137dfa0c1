import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';

// Where a page of the request list ended: its last row's sort key, to the microsecond PostgreSQL
// keeps (a JavaScript date keeps milliseconds: requests filed within one millisecond would come
// twice, or not at all), and its id. Opaque to clients.

export interface ListCursor {
  /** the sort key, microseconds since 1970, as an integer's digits */
  micros: string;
  id: string;
}

export const encodeListCursor = (cursor: ListCursor) =>
  Buffer.from(JSON.stringify([cursor.micros, cursor.id])).toString('base64url');

/** The cursor a client sent back, or BAD_USER_INPUT naming `after`. */
export function decodeListCursor(text: string | null | undefined): ListCursor | undefined {
  if (!text) return undefined;
  try {
    const [micros, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof micros !== 'string' || !/^-?\d{1,19}$/.test(micros) || typeof id !== 'string' || !isUuid(id))
      throw new Error('bad cursor');
    return { micros, id };
  } catch {
    throw userError(
      'BAD_USER_INPUT',
      "Curseur invalide : reprenez endCursor de la page précédente. / Invalid cursor: use the previous page's endCursor.",
      { field: 'after' },
    );
  }
}

/** A page of rows fetched one too many: the extra row tells whether another page follows. */
export function toListPage<T extends { id: string; sort_micros: string }>(rows: T[], size: number) {
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: last ? encodeListCursor({ micros: last.sort_micros, id: last.id }) : null,
    },
  };
}
