import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bpmn, chain } from '../../test-fixtures/bpmn.ts';
import { businessRuleTask, dmn, literal, table } from '../../test-fixtures/dmn.ts';
import { readModel } from '../../test-fixtures/models/index.ts';
import { contactForm } from '../forms/fixtures/contact-form.ts';
import { reportForm } from '../forms/fixtures/report-form.ts';
import { schoolRegistrationForm } from '../forms/fixtures/school-registration-form.ts';
import { formSchemaProblems } from '../forms/schema-problems.ts';
import { validateForm } from '../forms/validate-form.ts';
import { start } from '../runtime/interpreter.ts';
import type { ModelProblem } from '../runtime/types.ts';
import { compile } from './compile.ts';

const models = ['building-permit', 'processes/contact/contact'].map(readModel);

type Mutation = (xml: string) => string;

const truncate =
  (at: number): Mutation =>
  (xml) =>
    xml.slice(0, Math.floor(at * xml.length));

const swapLines =
  (a: number, b: number): Mutation =>
  (xml) => {
    const lines = xml.split('\n');
    const i = Math.floor(a * lines.length);
    const j = Math.floor(b * lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  };

const dropLine =
  (a: number): Mutation =>
  (xml) => {
    const lines = xml.split('\n');
    lines.splice(Math.floor(a * lines.length), 1);
    return lines.join('\n');
  };

/** Exchanges the values of two attributes anywhere in the file (ids, refs, expressions…). */
const swapAttributes =
  (a: number, b: number): Mutation =>
  (xml) => {
    const values = [...xml.matchAll(/="([^"]*)"/g)];
    const first = values[Math.floor(a * values.length)];
    const second = values[Math.floor(b * values.length)];
    if (!first || !second || first.index === second.index) return xml;
    const [low, high] = first.index! < second.index! ? [first, second] : [second, first];
    return (
      xml.slice(0, low.index) +
      `="${high[1]}"` +
      xml.slice(low.index! + low[0].length, high.index) +
      `="${low[1]}"` +
      xml.slice(high.index! + high[0].length)
    );
  };

const replaceAttribute =
  (a: number, text: string): Mutation =>
  (xml) => {
    const values = [...xml.matchAll(/="([^"]*)"/g)];
    const target = values[Math.floor(a * values.length)];
    if (!target) return xml;
    const safe = text.replace(/["<&]/g, '');
    return `${xml.slice(0, target.index)}="${safe}"${xml.slice(target.index! + target[0].length)}`;
  };

const unit = fc.double({ min: 0, max: 0.9999, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  unit.map(truncate),
  fc.tuple(unit, unit).map(([a, b]) => swapLines(a, b)),
  unit.map(dropLine),
  fc.tuple(unit, unit).map(([a, b]) => swapAttributes(a, b)),
  fc.tuple(unit, fc.string({ maxLength: 12 })).map(([a, text]) => replaceAttribute(a, text)),
);

describe('compile under fuzzing', () => {
  it('never throws nor hangs on mutated real models, and every error says something', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...models),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (model, mutations) => {
          // given
          const xml = mutations.reduce((text, mutate) => mutate(text), model);
          // when
          const started = performance.now();
          const result = await compile(xml);
          // then
          expect(performance.now() - started).toBeLessThan(2_000);
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const error of result.errors) {
              expect(error.code).toMatch(/^[A-Z_]+$/);
              expect(error.code).not.toBe('INTERNAL');
              expect(error.messageFr, error.code).toBeTruthy();
              expect(error.message.length).toBeGreaterThan(10);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

function expectSayable(errors: ModelProblem[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.code).toMatch(/^[A-Z_]+$/);
    expect(error.code).not.toBe('INTERNAL');
    expect(error.messageFr, error.code).toBeTruthy();
    expect(error.message.length).toBeGreaterThan(10);
  }
}

const decisions = dmn(
  [
    table({
      id: 'fee',
      hitPolicy: 'PRIORITY',
      inputs: ['surface', 'kind'],
      outputs: ['level:"high","low"', 'amount'],
      rules: [
        ['> 50', '"terrace"', '"high"', 'surface * 12'],
        ['[10..50]', '-', '"low"', '100'],
        ['-', 'not("stall")', '"low"', 'round up(surface / 3, 0)'],
      ],
      requires: ['base'],
    }),
    literal('base', 'if kind = "terrace" then 10 else 5', { variable: 'baseRate' }),
  ].join('\n'),
);
const caller = bpmn(
  `<bpmn:startEvent id="start" />${businessRuleTask('price', 'fee', 'fee')}<bpmn:userTask id="pay" />${chain(['start', 'price', 'pay'])}`,
);

describe('DMN under fuzzing', () => {
  it('never throws nor hangs on mutated decision files; what compiles evaluates without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.record({ surface: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)), kind: fc.string() }),
        async (mutations, variables) => {
          // given
          const xml = mutations.reduce((text, mutate) => mutate(text), decisions);
          // when
          const started = performance.now();
          const result = await compile(caller, { decisions: [{ name: 'fees.dmn', xml }] });
          // then
          expect(performance.now() - started).toBeLessThan(2_000);
          if (!result.ok) {
            expectSayable(result.errors);
            return;
          }
          const step = start(result.ir, { time: '2026-03-02T09:00:00.000Z', variables });
          expect(['openTask', 'incident']).toContain(step.commands[0]?.type);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const forms = [contactForm, reportForm, schoolRegistrationForm];

/** Replaces a value somewhere in a form with another of any kind. */
function mutateForm(form: unknown, at: number, replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(form)) as unknown;
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        slots.push([node, i]);
        walk(child);
      });
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, key]);
        walk(child);
      }
    }
  };
  walk(copy);
  const slot = slots[Math.floor(at * slots.length)];
  if (slot) (slot[0] as Record<string | number, unknown>)[slot[1]] = replacement;
  return copy;
}

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('textfield', 'group', 'dynamiclist', 'number', 'select', '=a +', '=x > 1', '(', '[a-z', '0.1'),
);

describe('forms under fuzzing', () => {
  it('the schema checks never throw; a form they accept never throws at submission, whatever is sent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...forms),
        fc.array(fc.tuple(unit, anyValue), { minLength: 1, maxLength: 3 }),
        fc.dictionary(fc.constantFrom('lastName', 'email', 'children', 'address', 'amount', 'consent', 'x'), anyValue),
        (form, mutations, data) => {
          // given
          const schema = mutations.reduce<unknown>((current, [at, value]) => mutateForm(current, at, value), form);
          // when
          const problems = formSchemaProblems('form', schema);
          // then
          for (const problem of problems) expect(problem.message).toMatch(/^Form "form"/);
          if (problems.length === 0) expect(() => validateForm(schema as never, data)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('embedded forms of any content never crash the compiler', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        async (body) => {
          // given
          const escaped = body.replace(/&/g, '&amp;').replace(/</g, '&lt;');
          const xml = bpmn(
            `<bpmn:extensionElements><zeebe:userTaskForm id="f">${escaped}</zeebe:userTaskForm></bpmn:extensionElements>
           <bpmn:startEvent id="start" /><bpmn:userTask id="t"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:f" /></bpmn:extensionElements></bpmn:userTask>${chain(['start', 't'])}`,
          );
          // when
          const result = await compile(xml);
          // then
          if (!result.ok) expectSayable(result.errors);
        },
      ),
      { numRuns: 200 },
    );
  });
});
