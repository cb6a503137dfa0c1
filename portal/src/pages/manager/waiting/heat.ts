// How busy each element of the diagram was, as the heatmap's marks and badges say it.

import type { DiagramMark } from '../../../components/diagram/diagram-marks.ts';
import { intlLocale } from '../../../composables/useI18n.ts';
import type { HeatmapElementView } from './graphql.ts';

/** The element's heat: its passages against the busiest element's, in thirds. */
export function heatOf(element: HeatmapElementView, busiest: number): DiagramMark {
  const share = busiest === 0 ? 0 : element.requests / busiest;
  if (share > 2 / 3) return 'heat-high';
  if (share > 1 / 3) return 'heat-medium';
  return 'heat-low';
}

/** Hours in words short enough for a badge: minutes under an hour, days past two. */
export function shortDuration(hours: number | null | undefined, lang: 'fr' | 'en'): string {
  if (hours === null || hours === undefined) return '—';
  const number = (value: number) => value.toLocaleString(intlLocale(lang), { maximumFractionDigits: 1 });
  if (hours < 1) return `${number(hours * 60)} min`;
  if (hours < 48) return `${number(hours)} h`;
  return `${number(hours / 24)} ${lang === 'en' ? 'd' : 'j'}`;
}
