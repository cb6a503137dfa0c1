// CSV of the dashboard: one line per figure (RFC 4180, comma-separated, UTF-8).

/** One figure of the export. */
export interface CsvLine {
  section: string;
  key: string;
  label: string;
  value: string | number | null;
}

const cell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // quotes around what needs them; a leading =, +, - or @ would be a formula to a spreadsheet
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The lines as CSV, with a header line. */
export function toCsv(lines: CsvLine[]): string {
  const rows = [['section', 'key', 'label', 'value'], ...lines.map((l) => [l.section, l.key, l.label, l.value])];
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
