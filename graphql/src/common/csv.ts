// CSV cells (RFC 4180, comma-separated, UTF-8), for every CSV the API writes.

/** One cell: quoted when it needs to be; a text starting with =, +, - or @ gets a leading ' so that a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line of cells, with its CRLF. */
export const csvLine = (cells: (string | number | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;
