import type { ProcessIR } from '@parvis/engine';

/**
 * How a procedure looks for duplicates, from its zeebe:properties: `duplicates.field`, the key of
 * the start form's field that says what kind of problem it is (a category), and
 * `duplicates.withinMeters`, how near two reports of that kind must be (50 m unless said).
 * A procedure without `duplicates.field` has no duplicates: its requests are each their own.
 */
export interface DuplicateSettings {
  field: string;
  withinMeters: number;
}

const DEFAULT_METERS = 50;
/** Beyond this, « nearby » means nothing for a report on a street. */
const MAX_METERS = 1_000;

export function duplicateSettings(ir: ProcessIR): DuplicateSettings | undefined {
  const field = ir.properties['duplicates.field']?.trim();
  if (!field) return undefined;
  const meters = Number(ir.properties['duplicates.withinMeters'] ?? DEFAULT_METERS);
  return {
    field,
    withinMeters: Number.isFinite(meters) && meters > 0 ? Math.min(meters, MAX_METERS) : DEFAULT_METERS,
  };
}
