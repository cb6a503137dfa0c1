import { describe, expect, it } from 'vitest';
import { dmn, literal, type TableSpec, table } from '../../test-fixtures/dmn.ts';
import type { Json } from '../runtime/types.ts';
import { evaluateDecision } from './evaluate-decision.ts';
import { readDecisions } from './read-dmn.ts';

async function decisionsOf(xml: string) {
  const read = await readDecisions([{ name: 'test.dmn', xml }]);
  expect(read.problems).toEqual([]);
  return read.decisions;
}

async function evaluateTable(spec: Omit<TableSpec, 'id'>, variables: Record<string, Json>) {
  const decisions = await decisionsOf(dmn(table({ id: 'd', ...spec })));
  return evaluateDecision(decisions, 'd', variables);
}

/** The bonus table of Camunda's hit-policy page: years of service give cumulative bonuses. */
const bonus = (hitPolicy: string, aggregation?: string) => ({
  hitPolicy,
  ...(aggregation ? { aggregation } : {}),
  inputs: ['years'],
  outputs: ['bonus'],
  rules: [
    ['>= 1', '100'],
    ['>= 2', '200'],
    ['>= 3', '300'],
    ['>= 10', '1000'],
  ],
});

describe('decision tables, by hit policy', () => {
  it('UNIQUE: the one matching rule; null when none matches; an error naming the rules when several do', async () => {
    // given
    const spec = {
      inputs: ['season', 'guests'],
      outputs: ['dish'],
      rules: [
        ['"Fall"', '<= 8', '"Spareribs"'],
        ['"Winter"', '-', '"Roastbeef"'],
        ['"Fall", "Winter"', '> 8', '"Stew"'],
        ['"Winter"', '> 20', '"Soup"'],
      ],
    };
    // when / then
    expect(await evaluateTable(spec, { season: 'Fall', guests: 4 })).toEqual({ ok: true, value: 'Spareribs' });
    expect(await evaluateTable(spec, { season: 'Spring', guests: 4 })).toEqual({ ok: true, value: null });
    const clash = await evaluateTable(spec, { season: 'Winter', guests: 30 });
    expect(clash.ok).toBe(false);
    expect(!clash.ok && clash.message).toMatch(
      /decision "d" \(d\): .*UNIQUE.*rule 2 \(d_r2\), rule 3 \(d_r3\), rule 4/,
    );
  });

  it('FIRST: the first matching rule in table order', async () => {
    expect(await evaluateTable(bonus('FIRST'), { years: 5 })).toEqual({ ok: true, value: 100 });
    expect(await evaluateTable(bonus('FIRST'), { years: 0 })).toEqual({ ok: true, value: null });
  });

  it('ANY: the output when every matching rule agrees; an error when they differ', async () => {
    // given
    const spec = {
      hitPolicy: 'ANY',
      inputs: ['daysLeft', 'probation'],
      outputs: ['result'],
      rules: [
        ['0', '-', '"refused"'],
        ['-', 'true', '"refused"'],
        ['> 0', 'false', '"applied"'],
      ],
    };
    // when / then
    expect(await evaluateTable(spec, { daysLeft: 0, probation: true })).toEqual({ ok: true, value: 'refused' });
    expect(await evaluateTable(spec, { daysLeft: 3, probation: false })).toEqual({ ok: true, value: 'applied' });
    const differing = await evaluateTable(
      { ...spec, rules: [...spec.rules, ['> 0', '-', '"maybe"']] },
      {
        daysLeft: 3,
        probation: false,
      },
    );
    expect(!differing.ok && differing.message).toMatch(/ANY .* rule 3 \(d_r3\), rule 4 \(d_r4\) differ/);
  });

  it('PRIORITY: the matching rule whose output comes first among the output values', async () => {
    // given
    const spec = {
      hitPolicy: 'PRIORITY',
      inputs: ['amount'],
      outputs: ['level:"high","medium","low"'],
      rules: [
        ['> 0', '"low"'],
        ['> 1000', '"high"'],
        ['> 500', '"medium"'],
      ],
    };
    // when / then
    expect(await evaluateTable(spec, { amount: 2000 })).toEqual({ ok: true, value: 'high' });
    expect(await evaluateTable(spec, { amount: 600 })).toEqual({ ok: true, value: 'medium' });
    expect(await evaluateTable(spec, { amount: -1 })).toEqual({ ok: true, value: null });
  });

  it('OUTPUT ORDER: every matching output, by priority', async () => {
    const spec = {
      hitPolicy: 'OUTPUT ORDER',
      inputs: ['amount'],
      outputs: ['level:"high","medium","low"'],
      rules: [
        ['> 0', '"low"'],
        ['> 1000', '"high"'],
        ['> 500', '"medium"'],
      ],
    };
    expect(await evaluateTable(spec, { amount: 2000 })).toEqual({ ok: true, value: ['high', 'medium', 'low'] });
    expect(await evaluateTable(spec, { amount: -1 })).toEqual({ ok: true, value: [] });
  });

  it('RULE ORDER and COLLECT: every matching output, in rule order; an empty list when none', async () => {
    expect(await evaluateTable(bonus('RULE ORDER'), { years: 3.5 })).toEqual({ ok: true, value: [100, 200, 300] });
    expect(await evaluateTable(bonus('COLLECT'), { years: 3.5 })).toEqual({ ok: true, value: [100, 200, 300] });
    expect(await evaluateTable(bonus('COLLECT'), { years: 0 })).toEqual({ ok: true, value: [] });
  });

  it('COLLECT with SUM, MIN, MAX and COUNT aggregates the matching outputs', async () => {
    expect(await evaluateTable(bonus('COLLECT', 'SUM'), { years: 3.5 })).toEqual({ ok: true, value: 600 });
    expect(await evaluateTable(bonus('COLLECT', 'MIN'), { years: 3.5 })).toEqual({ ok: true, value: 100 });
    expect(await evaluateTable(bonus('COLLECT', 'MAX'), { years: 3.5 })).toEqual({ ok: true, value: 300 });
    expect(await evaluateTable(bonus('COLLECT', 'COUNT'), { years: 3.5 })).toEqual({ ok: true, value: 3 });
    expect(await evaluateTable(bonus('COLLECT', 'COUNT'), { years: 0 })).toEqual({ ok: true, value: 0 });
    expect(await evaluateTable(bonus('COLLECT', 'SUM'), { years: 0 })).toEqual({ ok: true, value: null });
  });

  it('several outputs give a context by output name (a list of contexts for multi-hit tables)', async () => {
    // given
    const spec = {
      hitPolicy: 'RULE ORDER',
      inputs: ['age'],
      outputs: ['fee', 'reduced'],
      rules: [
        ['< 18', '0', 'true'],
        ['>= 65', '5', 'true'],
        ['-', '10', 'false'],
      ],
    };
    // when / then
    expect(await evaluateTable({ ...spec, hitPolicy: 'FIRST' }, { age: 70 })).toEqual({
      ok: true,
      value: { fee: 5, reduced: true },
    });
    expect(await evaluateTable(spec, { age: 12 })).toEqual({
      ok: true,
      value: [
        { fee: 0, reduced: true },
        { fee: 10, reduced: false },
      ],
    });
  });

  it('input entries are FEEL unary tests: ranges, lists, negation, comparisons with variables, ? and -', async () => {
    // given
    const spec = {
      hitPolicy: 'RULE ORDER',
      inputs: ['amount', 'town'],
      outputs: ['rule'],
      rules: [
        ['[100..200]', '-', '"range"'],
        ['< 10, > 500', '-', '"list"'],
        ['-', 'not("Paris")', '"negation"'],
        ['>= limit', '', '"variable"'],
        ['? * 2 > 300', '-', '"question mark"'],
        ['-', '"Lyon","Nice"', '"one of"'],
      ],
    };
    // when
    const result = await evaluateTable(spec, { amount: 180, town: 'Lyon', limit: 150 });
    // then
    expect(result).toEqual({ ok: true, value: ['range', 'negation', 'variable', 'question mark', 'one of'] });
  });

  it('output entries are FEEL expressions over the variables; an empty one gives null', async () => {
    const spec = {
      hitPolicy: 'FIRST',
      inputs: ['amount'],
      outputs: ['fee', 'note'],
      rules: [['-', 'amount * rate', '']],
    };
    expect(await evaluateTable(spec, { amount: 200, rate: 0.05 })).toEqual({
      ok: true,
      value: { fee: 10, note: null },
    });
  });

  it('names the decision, the rule and the column when an expression fails at run time', async () => {
    // given
    const spec = { hitPolicy: 'FIRST', inputs: ['amount'], outputs: ['fee'], rules: [['-', 'nope(amount)']] };
    // when
    const result = await evaluateTable(spec, { amount: 1 });
    // then
    expect(!result.ok && result.message).toMatch(
      /decision "d" \(d\): rule 1 \(d_r1\), output "fee": "nope\(amount\)" failed/,
    );
  });
});

describe('literal expressions and required decisions', () => {
  it('a literal-expression decision gives the value of its expression', async () => {
    const decisions = await decisionsOf(dmn(literal('fee', 'if surface > 100 then 250 else 120')));
    expect(evaluateDecision(decisions, 'fee', { surface: 140 })).toEqual({ ok: true, value: 250 });
  });

  it('evaluates required decisions first; their results go by their variable name, else their id', async () => {
    // given a decision requirement graph: dish ← season (variable "season"), guestCount (by id)
    const decisions = await decisionsOf(
      dmn(
        [
          literal('seasonDecision', 'if month >= 9 then "Fall" else "Summer"', { variable: 'season' }),
          literal('guestCount', 'adults + children'),
          table({
            id: 'dish',
            requires: ['seasonDecision', 'guestCount'],
            inputs: ['season', 'guestCount'],
            outputs: ['dish'],
            rules: [
              ['"Fall"', '<= 8', '"Spareribs"'],
              ['"Fall"', '> 8', '"Stew"'],
              ['"Summer"', '-', '"Salad"'],
            ],
          }),
        ].join('\n'),
      ),
    );
    // when / then
    expect(evaluateDecision(decisions, 'dish', { month: 10, adults: 6, children: 4 })).toEqual({
      ok: true,
      value: 'Stew',
    });
    expect(evaluateDecision(decisions, 'dish', { month: 6, adults: 1, children: 0 })).toEqual({
      ok: true,
      value: 'Salad',
    });
  });

  it('a decision nobody deployed is an error, not an exception', () => {
    expect(evaluateDecision({}, 'missing', {})).toEqual({
      ok: false,
      message: 'no decision "missing" was deployed with the procedure',
    });
  });
});
