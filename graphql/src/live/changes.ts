/** The PostgreSQL channel on which requests, their history and tasks announce their changes (migration 080). */
export const CHANGES_CHANNEL = 'parvis_changes';

/**
 * One announced change: ids only. Without `requestId`, anything of the municipality may have
 * changed (a bulk statement, or notifications missed while the listening connection was down).
 */
export interface Change {
  municipalityId: string;
  requestId?: string;
  taskId?: string;
  /** candidate groups of the task, before and after */
  groups: string[];
  /** ids of the agents the task was assigned to, before and after */
  assignees: string[];
  /** whether the task is offered to named agents too */
  candidates: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const uuid = (value: unknown) => (typeof value === 'string' && UUID.test(value) ? value : undefined);

/** Reads a NOTIFY payload; undefined when it is not one of ours. */
export function parseChange(payload: string): Change | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof raw?.municipality !== 'string' || !raw.municipality) return undefined;
  return {
    municipalityId: raw.municipality,
    requestId: uuid(raw.request),
    taskId: uuid(raw.task),
    groups: strings(raw.groups),
    assignees: strings(raw.assignees),
    candidates: raw.candidates === true,
  };
}

/** A change of the whole municipality. */
export const everything = (municipalityId: string): Change => ({
  municipalityId,
  groups: [],
  assignees: [],
  candidates: false,
});
