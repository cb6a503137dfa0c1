// Sandbox-safe: how long a procedure's closed requests keep their personal data (RGPD art. 5-1-e).
import { compiled } from '../compiler/ir.ts';
import type { ProcessIR } from '../runtime/types.ts';

/**
 * What a procedure is, for retention: a `decision` when the town decides on the request (silence
 * means acceptance or refusal, or a task signs the answer: permits, grants, certificates); a
 * `report` otherwise (contacts, reports, complaints).
 */
export type RetentionKind = 'decision' | 'report';

/** Months a closed request keeps its personal data when the town has not set its own period. */
export const DEFAULT_RETENTION_MONTHS: Record<RetentionKind, number> = { decision: 60, report: 24 };

/** The longest period a town may set: a century, past which a period is a typing mistake. */
const MAX_RETENTION_MONTHS = 1200;

/** A procedure's retention kind, read from its compiled model. */
export function retentionKind(ir: ProcessIR): RetentionKind {
  const silence = ir.properties.silence;
  if (silence === 'acceptance' || silence === 'refusal') return 'decision';
  const signs = Object.values(compiled(ir).elements).some((element) => element.properties?.signature === 'required');
  return signs ? 'decision' : 'report';
}

/** The period that applies: the town's when it set one, else its kind's default. */
export function retentionMonths(kind: RetentionKind, townMonths: number | null | undefined): number {
  return townMonths ?? DEFAULT_RETENTION_MONTHS[kind];
}

/**
 * What is wrong with a period a town gives, in French and English; undefined when it is a whole
 * number of months between 1 and MAX_RETENTION_MONTHS.
 */
export function retentionProblem(months: number): { fr: string; en: string } | undefined {
  if (Number.isInteger(months) && months > 0 && months <= MAX_RETENTION_MONTHS) return undefined;
  return {
    fr: `La durée de conservation doit être un nombre entier de mois entre 1 et ${MAX_RETENTION_MONTHS}, pas ${months}.`,
    en: `The retention period must be a whole number of months between 1 and ${MAX_RETENTION_MONTHS}, not ${months}.`,
  };
}
