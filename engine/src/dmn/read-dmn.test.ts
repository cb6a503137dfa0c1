import { describe, expect, it } from 'vitest';
import { dmn, literal, table } from '../../test-fixtures/dmn.ts';
import { readDecisions } from './read-dmn.ts';

async function problemsOf(...xml: string[]) {
  return (await readDecisions(xml.map((text, i) => ({ name: `file${i + 1}.dmn`, xml: text })))).problems;
}

describe('reading DMN files', () => {
  it('compiles a decision table and a literal expression to plain JSON', async () => {
    // given
    const xml = dmn(
      [
        table({
          id: 'fee',
          hitPolicy: 'COLLECT',
          aggregation: 'SUM',
          inputs: ['surface'],
          outputs: ['fee'],
          rules: [['> 10', '5']],
        }),
        literal('total', 'fee * 2', { requires: ['fee'] }),
      ].join(''),
    );
    // when
    const { decisions, problems } = await readDecisions([{ name: 'fees.dmn', xml }]);
    // then
    expect(problems).toEqual([]);
    expect(decisions.fee).toMatchObject({
      kind: 'table',
      hitPolicy: 'COLLECT',
      aggregation: 'SUM',
      inputs: [{ expression: 'surface' }],
      outputs: [{ name: 'fee' }],
      rules: [{ id: 'fee_r1', inputs: ['> 10'], outputs: ['5'] }],
      file: 'fees.dmn',
    });
    expect(decisions.total).toMatchObject({
      kind: 'literal',
      expression: 'fee * 2',
      requires: ['fee'],
      variable: 'total',
    });
    expect(JSON.parse(JSON.stringify(decisions))).toEqual(decisions);
  });

  it('names the file, the decision, the rule and the column of bad FEEL', async () => {
    // given
    const xml = dmn(
      table({
        id: 'dish',
        name: 'Dish',
        inputs: ['season'],
        outputs: ['dish'],
        rules: [
          ['"Fall"', '"Stew"'],
          ['>> "x" <', '"Soup"'],
          ['"Winter"', '"Roast" +* 2'],
        ],
      }),
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'INVALID_EXPRESSION',
        elementId: 'dish',
        elementType: 'decision',
        file: 'file1.dmn',
        message: expect.stringMatching(
          /^file1\.dmn: decision "Dish" \(dish\): rule 2 \(dish_r2\), input "season": ">> "x" <" is not a valid FEEL unary test/,
        ),
      }),
      expect.objectContaining({
        code: 'INVALID_EXPRESSION',
        message: expect.stringMatching(/rule 3 \(dish_r3\), output "dish": ""Roast" \+\* 2" is not valid FEEL/),
      }),
    ]);
    for (const problem of problems) expect(problem.messageFr).toMatch(/règle \d/);
  });

  it('refuses a comparison bounded by another test (>> 50, <= = 50), which parses but never evaluates', async () => {
    // given
    const xml = dmn(
      table({
        id: 'fee',
        inputs: ['surface'],
        outputs: ['amount'],
        rules: [
          ['>> 50', '500'],
          ['<= = 50', '100'],
          ['not(> 3), [1..5], ? < limit', '1'],
        ],
      }),
    );
    // when
    const problems = await problemsOf(xml);
    // then the first two rules are refused, the third (unusual but sound) is not
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/rule 1 \(fee_r1\), input "surface": ">> 50" is not a valid FEEL unary test: a comparison/),
      expect.stringMatching(/rule 2 \(fee_r2\), input "surface": "<= = 50" is not a valid FEEL unary test/),
    ]);
  });

  it('refuses what the hit policy cannot run: an aggregation without COLLECT or over several outputs, PRIORITY without output values', async () => {
    // given
    const xml = dmn(
      [
        table({ id: 'a', hitPolicy: 'FIRST', aggregation: 'SUM', inputs: ['x'], outputs: ['y'], rules: [] }),
        table({ id: 'b', hitPolicy: 'COLLECT', aggregation: 'MAX', inputs: ['x'], outputs: ['y', 'z'], rules: [] }),
        table({ id: 'c', hitPolicy: 'PRIORITY', inputs: ['x'], outputs: ['y'], rules: [] }),
      ].join(''),
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['INVALID_DECISION', 'a'],
      ['INVALID_DECISION', 'b'],
      ['INVALID_DECISION', 'c'],
    ]);
  });

  it('reports a required decision nobody defines, a requirement cycle and a decision defined twice', async () => {
    // given
    const first = dmn(
      [
        literal('a', '1', { requires: ['b'] }),
        literal('b', '2', { requires: ['a'] }),
        literal('c', '3', { requires: ['ghost'] }),
      ].join(''),
    );
    const second = dmn(literal('a', '4'), 'other');
    // when
    const problems = await problemsOf(first, second);
    // then
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'DUPLICATE_ID',
          elementId: 'a',
          message: expect.stringContaining('file1.dmn and again in file2.dmn'),
        }),
        expect.objectContaining({
          code: 'DANGLING_REFERENCE',
          elementId: 'c',
          message: expect.stringContaining('"ghost"'),
        }),
        expect.objectContaining({ code: 'DECISION_CYCLE', message: expect.stringContaining('a → b → a') }),
      ]),
    );
  });

  it('refuses DMN 1.1 with what to do, reads DMN 1.4 as 1.3, and reports XML that does not parse with its line', async () => {
    // given
    const old = dmn(literal('a', '1')).replace(
      'https://www.omg.org/spec/DMN/20191111/MODEL/',
      'http://www.omg.org/spec/DMN/20151101/dmn.xsd',
    );
    const newer = dmn(literal('a', '1')).replace('20191111', '20211108');
    const broken = dmn('<decision id="a">\n<literalExpression><text>1</text></literalExpression>\n</decisio>');
    // when / then
    expect(await problemsOf(old)).toMatchObject([
      { code: 'DMN_VERSION', message: expect.stringContaining('Camunda Modeler') },
    ]);
    expect(await problemsOf(newer)).toEqual([]);
    expect(await problemsOf(broken)).toMatchObject([
      { code: 'XML_SYNTAX', file: 'file1.dmn', line: expect.any(Number) },
    ]);
  });

  it('refuses decision logic Parvis does not run, naming the decision', async () => {
    // given
    const xml = dmn('<decision id="ctx" name="Context"><context id="c1" /></decision>');
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toMatchObject([
      { code: 'UNSUPPORTED_ELEMENT', elementId: 'ctx', message: expect.stringContaining('Context') },
    ]);
  });

  it('reads a DMN file given as bytes in ISO-8859-1', async () => {
    // given
    const text = dmn(literal('greeting', '"Été"')).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0));
    // when
    const { decisions, problems } = await readDecisions([{ name: 'latin.dmn', xml: bytes }]);
    // then
    expect(problems).toEqual([]);
    expect(decisions.greeting).toMatchObject({ expression: '"Été"' });
  });
});
