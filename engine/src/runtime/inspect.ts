// Sandbox-safe: read-only views of a ProcessState for hosts (queries, dashboards), so they need not
// know the interpreter's internal layout.

import { engineState, ROOT } from './state.ts';
import type { ProcessState } from './types.ts';

/** Something the request cannot get past without a person: a failing job, a FEEL error (the one definition hosts share). */
export interface OpenIncident {
  incidentId: string;
  elementId: string;
  code: string;
  message: string;
}

/** Incidents the instance is stuck on, oldest first. */
export function incidentsOf(state: ProcessState): OpenIncident[] {
  return (engineState(state).incidents ?? []).map((incident) => ({
    incidentId: incident.id,
    elementId: incident.el,
    code: incident.code,
    message: incident.message,
  }));
}

/** The signals the instance waits for (catch events, boundaries, event sub-process starts), by name. */
export function signalsAwaited(state: ProcessState): string[] {
  return [...new Set(engineState(state).subscriptions.flatMap((s) => (s.kind === 'signal' && s.name ? [s.name] : [])))];
}

/**
 * The elements the instance stands on now (tasks, events and sub-processes that wait or run),
 * each once, without the process itself: what a request's diagram marks as active.
 */
export function activeElementsOf(state: ProcessState): string[] {
  const { instances } = engineState(state);
  return [...new Set(Object.entries(instances).flatMap(([id, instance]) => (id === ROOT ? [] : [instance.el])))];
}
