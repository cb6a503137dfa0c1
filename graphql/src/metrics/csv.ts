// CSV of the dashboard: one line per figure (RFC 4180, comma-separated, UTF-8).
import { csvLine } from '../common/csv.ts';

/** One figure of the export. */
export interface CsvLine {
  section: string;
  key: string;
  label: string;
  value: string | number | null;
}

/** The lines as CSV, with a header line. */
export function toCsv(lines: CsvLine[]): string {
  const rows = [['section', 'key', 'label', 'value'], ...lines.map((l) => [l.section, l.key, l.label, l.value])];
  return rows.map(csvLine).join('');
}
