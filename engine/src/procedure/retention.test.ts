import { describe, expect, it } from 'vitest';
import type { ProcessIR } from '../runtime/types.ts';
import { retentionKind, retentionMonths, retentionProblem } from './retention.ts';

const ir = (properties: Record<string, string>, elements: Record<string, unknown> = {}) =>
  ({ properties, elements }) as unknown as ProcessIR;

describe('retention of closed requests', () => {
  it('takes a procedure where silence decides, or a task signs, as a decision; others as reports', () => {
    expect(retentionKind(ir({ silence: 'acceptance' }))).toBe('decision');
    expect(retentionKind(ir({ silence: 'refusal' }))).toBe('decision');
    expect(
      retentionKind(ir({ silence: 'none' }, { sign: { id: 'sign', properties: { signature: 'required' } } })),
    ).toBe('decision');
    expect(retentionKind(ir({ silence: 'none' }, { answer: { id: 'answer' } }))).toBe('report');
  });

  it("applies the town's period, else the kind's default", () => {
    expect(retentionMonths('report', null)).toBe(24);
    expect(retentionMonths('decision', undefined)).toBe(60);
    expect(retentionMonths('report', 6)).toBe(6);
  });

  it('refuses a period that is not a positive whole number of months', () => {
    expect(retentionProblem(12)).toBeUndefined();
    for (const bad of [0, -3, 1.5, 1201]) expect(retentionProblem(bad)?.fr).toMatch(/nombre entier de mois/);
  });
});
