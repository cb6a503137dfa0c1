import { describe, expect, it } from 'vitest';
import { CAMUNDA_FUNCTIONS } from './camunda-functions.ts';
import { evaluateFeel, feelSyntaxError } from './feel.ts';

describe('FEEL as Zeebe uses it', () => {
  it('answers a lone variable name like feelin does, null when missing', () => {
    // given
    const context = { approved: true, items: [1, 2] };
    // when / then
    expect(evaluateFeel('=approved', context)).toEqual({ ok: true, value: true });
    expect(evaluateFeel('=missing', context)).toEqual({ ok: true, value: null });
    expect(evaluateFeel('=true', context)).toEqual({ ok: true, value: true });
    expect(evaluateFeel('= count(items) > 1', context)).toEqual({ ok: true, value: true });
  });

  it('takes now() and today() from the event time, never from a clock', () => {
    // given
    const now = '2026-06-30T22:15:00.000Z';
    // when / then
    expect(evaluateFeel('=string(today())', {}, now)).toEqual({ ok: true, value: '2026-06-30' });
    expect(evaluateFeel('=string(now() + duration("PT1H"))', {}, now)).toEqual({
      ok: true,
      value: '2026-06-30T23:15:00Z',
    });
  });

  it('knows the built-ins Camunda adds: is defined, get or else, is empty, partition…', () => {
    // given
    const context = { applicant: { name: 'Zoé' }, files: [] };
    // when / then
    expect(feelSyntaxError('=get or else(applicant.phone, "none")')).toBeUndefined();
    expect(evaluateFeel('=get or else(applicant.phone, "none")', context)).toEqual({ ok: true, value: 'none' });
    expect(evaluateFeel('=is defined(applicant.name)', context)).toEqual({ ok: true, value: true });
    expect(evaluateFeel('=is empty(files)', context)).toEqual({ ok: true, value: true });
    expect(evaluateFeel('=partition([1,2,3], 2)', context)).toEqual({ ok: true, value: [[1, 2], [3]] });
    expect(evaluateFeel('=string join(["a", "b"], "-") + upper case("c")', context)).toEqual({
      ok: true,
      value: 'a-bC',
    });
  });

  it("names the built-ins' parameters, so bundlers that rewrite their source cannot break them", () => {
    for (const [name, fn] of Object.entries(CAMUNDA_FUNCTIONS)) {
      expect(fn.$args, name).toHaveLength(fn.length);
    }
  });

  it('reports syntax errors instead of throwing', () => {
    // given / when / then
    expect(feelSyntaxError('=a +* b')).toMatch(/syntax error/);
    expect(feelSyntaxError('=a + b')).toBeUndefined();
    expect(evaluateFeel('=a >', {})).toMatchObject({ ok: false });
    expect(evaluateFeel('=no such function(1)', {})).toMatchObject({ ok: false });
    expect(evaluateFeel('=count(1, 2)', {})).toMatchObject({ ok: false });
  });
});
