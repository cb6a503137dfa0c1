// The quality-of-service indicator of the managers' dashboard (docs/quality-of-service.md).

/** What the indicator is computed from. */
export interface QualityInputs {
  /** requests closed in the period that had a deadline */
  closedWithDeadline: number;
  /** of those, closed on or before their deadline */
  closedOnTime: number;
  /** median processing time of the requests closed in the period, hours; null when none closed */
  medianHours: number | null;
  /** requests open now */
  open: number;
  /** average age of the open requests, days */
  averageOpenAgeDays: number | null;
  /** the municipality's target processing time, days */
  targetDays: number;
}

export interface QualityComponent {
  key: 'slaCompliance' | 'speed' | 'backlogFreshness';
  weight: number;
  /** 0 to 1, or null when there is nothing to measure */
  value: number | null;
}

export interface Quality {
  /** 0 to 100, or null when no component could be measured */
  score: number | null;
  grade: 'good' | 'fair' | 'poor' | null;
  components: QualityComponent[];
}

export const QUALITY_WEIGHTS = { slaCompliance: 0.5, speed: 0.3, backlogFreshness: 0.2 } as const;

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/**
 * Weighted score out of 100: half SLA compliance (the deadline promised to the citizen), 0.3 the
 * speed of the median request against the target, 0.2 the freshness of the backlog (its average
 * age against twice the target). A component that cannot be measured leaves the others' weights.
 */
export function qualityOfService(inputs: QualityInputs): Quality {
  const target = inputs.targetDays;
  const sla = inputs.closedWithDeadline > 0 ? inputs.closedOnTime / inputs.closedWithDeadline : null;
  const speed = inputs.medianHours === null ? null : clamp(target / Math.max(inputs.medianHours / 24, target / 1000));
  const backlog = inputs.open === 0 ? 1 : clamp(1 - (inputs.averageOpenAgeDays ?? 0) / (2 * target));
  const components: QualityComponent[] = [
    { key: 'slaCompliance', weight: QUALITY_WEIGHTS.slaCompliance, value: sla },
    { key: 'speed', weight: QUALITY_WEIGHTS.speed, value: speed },
    { key: 'backlogFreshness', weight: QUALITY_WEIGHTS.backlogFreshness, value: backlog },
  ];
  const measured = components.filter((c) => c.value !== null);
  const weights = measured.reduce((sum, c) => sum + c.weight, 0);
  if (measured.length === 0 || weights === 0) return { score: null, grade: null, components };
  const score = Math.round((100 * measured.reduce((sum, c) => sum + c.weight * c.value!, 0)) / weights);
  return { score, grade: score >= 85 ? 'good' : score >= 65 ? 'fair' : 'poor', components };
}
