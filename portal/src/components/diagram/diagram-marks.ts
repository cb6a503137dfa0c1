// What a diagram viewer may be asked to show on the elements of a BPMN diagram (DiagramViewer.vue).

/**
 * How an element is marked: where requests stand, where one stopped, where one went; and on a
 * heatmap, how many requests passed it against the busiest element (heat-low, -medium, -high).
 */
export const DIAGRAM_MARKS = [
  'active',
  'incident',
  'passed',
  'timer',
  'selected',
  'heat-low',
  'heat-medium',
  'heat-high',
] as const;
export type DiagramMark = (typeof DIAGRAM_MARKS)[number];

/** A short text pinned to an element (a count, a date, a duration), read by screen readers too. */
export interface DiagramOverlay {
  elementId: string;
  text: string;
  /** how it looks: `incident` in the error colour, `info` (default) neutral */
  tone?: 'info' | 'incident';
}

/** Marks by element id; an element may carry several. */
export type DiagramMarks = Record<string, DiagramMark[]>;
