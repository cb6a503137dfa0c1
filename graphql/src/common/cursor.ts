import { userError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a page ended: the sort key and id of its last item, opaque to clients. */
export interface Cursor {
  at: Date;
  id: string;
}

export const encodeCursor = (cursor: Cursor) =>
  Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');

export function decodeCursor(text: string | null | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !UUID.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw userError(
      'BAD_USER_INPUT',
      "Curseur invalide : reprenez endCursor de la page précédente. / Invalid cursor: use the previous page's endCursor.",
      { field: 'after' },
    );
  }
}

/** A page of rows fetched one too many: the extra row tells whether another page follows. */
export function toPage<T>(rows: T[], size: number, cursorOf: (row: T) => Cursor) {
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: { hasNextPage: rows.length > size, endCursor: last ? encodeCursor(cursorOf(last)) : null },
  };
}

/** A date a client typed, or BAD_USER_INPUT naming the field. */
export function parseDate(value: string | null | undefined, field: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw userError('BAD_USER_INPUT', `${field} : date invalide (exemple : 2025-03-12). / ${field}: invalid date.`, {
      field,
    });
  }
  return date;
}
