// The heatmap as CSV (RFC 4180, UTF-8): one line per element, group and agent, with the period.
import { csvLine } from '../common/csv.ts';
import type { HeatmapSource } from './heatmap-schema.ts';

const HEADER = [
  'section',
  'key',
  'name',
  'requests',
  'waiting',
  'open',
  'completed',
  'median_hours',
  'p90_hours',
  'deadlines_missed',
];
const rounded = (hours: number | null) => (hours === null ? null : Math.round(hours * 100) / 100);

/** The heatmap's figures as CSV, with a header line and a first line naming the version and period. */
export function heatmapCsv(h: HeatmapSource): string {
  const lines = [
    HEADER,
    ['period', `${h.version.procedure_key} v${h.version.version}`, `${h.period.from}..${h.period.to}`, h.requests],
    ...h.elements.map((e) => [
      'element',
      e.element_id,
      e.name,
      e.requests,
      e.waiting,
      null,
      null,
      rounded(e.median_hours),
      rounded(e.p90_hours),
      e.deadlines_missed,
    ]),
    ...(['groups', 'agents'] as const).flatMap((section) =>
      h[section].map((l) => [
        section === 'groups' ? 'group' : 'agent',
        l.key,
        null,
        null,
        null,
        l.open,
        l.completed,
        rounded(l.median_hours),
        null,
        l.deadlines_missed,
      ]),
    ),
  ];
  return lines.map(csvLine).join('');
}
