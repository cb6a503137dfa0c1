// Fuzzing the one model check with broken DMN files and broken form schemas: whatever an analyst
// (or a careless export) hands in, checkProcedure answers problems, never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bpmn, chain } from '../../test-fixtures/bpmn.ts';
import { businessRuleTask, dmn, literal, table } from '../../test-fixtures/dmn.ts';
import type { XmlSource } from '../compiler/decode-xml.ts';
import { contactForm } from '../forms/fixtures/contact-form.ts';
import { reportForm } from '../forms/fixtures/report-form.ts';
import { schoolRegistrationForm } from '../forms/fixtures/school-registration-form.ts';
import { start } from '../runtime/interpreter.ts';
import type { ModelProblem } from '../runtime/types.ts';
import { checkProcedure } from './check-procedure.ts';

const TIME = '2026-03-02T09:00:00.000Z';

/** A problem an analyst can act on: a stable code, both languages, and where it is. */
function expectSayable(errors: ModelProblem[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.code).toMatch(/^[A-Z_]+$/);
    expect(error.code).not.toBe('INTERNAL');
    expect(error.messageFr, error.code).toBeTruthy();
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.file ?? error.elementId ?? error.line, `${error.code} says where`).toBeDefined();
  }
}

// ---- DMN: a valid decision table and the ways it gets broken ----

const decisions = dmn(
  [
    table({
      id: 'fee',
      name: 'Redevance',
      hitPolicy: 'UNIQUE',
      inputs: ['surface', 'kind'],
      outputs: ['amount'],
      rules: [
        ['> 50', '"terrasse"', 'surface * 12'],
        ['[10..50]', '"terrasse"', '100'],
        ['< 10', '-', '50'],
        ['-', 'not("terrasse")', 'round up(surface / 3, 0)'],
      ],
      requires: ['base'],
    }),
    literal('base', 'if kind = "terrasse" then 10 else 5', { variable: 'baseRate' }),
  ].join('\n'),
);
const caller = bpmn(
  `<bpmn:startEvent id="start" />${businessRuleTask('price', 'fee', 'fee')}<bpmn:userTask id="pay" />${chain(['start', 'price', 'pay'])}`,
);

type DmnMutation = (xml: string) => string;
const unit = fc.double({ min: 0, max: 0.9999, noNaN: true });
const TAGS = [
  'decision',
  'decisionTable',
  'input',
  'inputExpression',
  'output',
  'rule',
  'inputEntry',
  'outputEntry',
  'text',
  'informationRequirement',
  'requiredDecision',
  'variable',
  'literalExpression',
];

/** The n-th (by fraction) element named tag: DMN never nests an element in one of its own name. */
function elementAt(xml: string, tag: string, at: number): RegExpExecArray | undefined {
  const found = [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g'))];
  return found[Math.floor(at * found.length)] as RegExpExecArray | undefined;
}

const dropElement =
  (tag: string, at: number): DmnMutation =>
  (xml) => {
    const element = elementAt(xml, tag, at);
    return element ? xml.slice(0, element.index) + xml.slice(element.index + element[0].length) : xml;
  };

const duplicateElement =
  (tag: string, at: number): DmnMutation =>
  (xml) => {
    const element = elementAt(xml, tag, at);
    const end = element ? element.index + element[0].length : 0;
    return element ? xml.slice(0, end) + element[0] + xml.slice(end) : xml;
  };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const feel = fc.oneof(
  fc.constantFrom('>> "x" <', '[1..', '(', 'not(', '= =', 'surface *', '"unclosed', 'date("nope")', '..', '-', ''),
  fc.string({ maxLength: 16 }),
);
const badFeel =
  (at: number, expression: string): DmnMutation =>
  (xml) => {
    const element = elementAt(xml, 'text', at);
    if (!element) return xml;
    const replaced = `<text>${escapeXml(expression)}</text>`;
    return xml.slice(0, element.index) + replaced + xml.slice(element.index + element[0].length);
  };

const hitPolicy =
  (policy: string, aggregation: string): DmnMutation =>
  (xml) =>
    xml.replace(/hitPolicy="[^"]*"/, `hitPolicy="${policy}"${aggregation ? ` aggregation="${aggregation}"` : ''}`);

const dmnMutation: fc.Arbitrary<DmnMutation> = fc.oneof(
  fc.tuple(fc.constantFrom(...TAGS), unit).map(([tag, at]) => dropElement(tag, at)),
  fc.tuple(fc.constantFrom(...TAGS), unit).map(([tag, at]) => duplicateElement(tag, at)),
  fc.tuple(unit, feel).map(([at, expression]) => badFeel(at, expression)),
  fc
    .tuple(
      fc.constantFrom(
        'UNIQUE',
        'FIRST',
        'PRIORITY',
        'ANY',
        'COLLECT',
        'RULE ORDER',
        'OUTPUT ORDER',
        'first',
        'ALL',
        '',
      ),
      fc.constantFrom('', 'SUM', 'COUNT', 'MIN', 'MAX', 'AVG', 'MEDIAN'),
    )
    .map(([policy, aggregation]) => hitPolicy(policy, aggregation)),
  unit.map(
    (at): DmnMutation =>
      (xml) =>
        xml.slice(0, Math.floor(at * xml.length)),
  ),
);

/** How the file's bytes reach the check: as text, or as bytes whose declaration may lie. */
const encoding = fc.constantFrom<(xml: string) => XmlSource>(
  (xml) => xml,
  (xml) => new TextEncoder().encode(xml),
  // Latin-1 bytes declared as such, then declared UTF-8 (bytes that are not UTF-8)
  (xml) => Uint8Array.from(xml.replace('UTF-8', 'ISO-8859-1').replace('Redevance', 'Redevance é'), latin1),
  (xml) => Uint8Array.from(xml.replace('Redevance', 'Redevance é'), latin1),
  (xml) => new TextEncoder().encode(xml.replace('UTF-8', 'KOI-9000')),
  (xml) => new TextEncoder().encode(xml.replace('UTF-8', 'UTF-16')),
  (xml) => Uint8Array.of(0xff, 0xfe, ...new TextEncoder().encode(xml)),
);
function latin1(char: string): number {
  return char.charCodeAt(0) & 0xff;
}

describe('checkProcedure under fuzzing', () => {
  it('DMN files with elements dropped or duplicated, bad FEEL, any hit policy or encoding: problems, never a throw', async () => {
    const seen = { refused: 0, passed: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(dmnMutation, { minLength: 1, maxLength: 4 }),
        encoding,
        fc.record({ surface: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)), kind: fc.string() }),
        async (mutations, encode, variables) => {
          // given
          const xml = encode(mutations.reduce((text, mutate) => mutate(text), decisions));
          // when
          const started = performance.now();
          const checked = await checkProcedure({ bpmn: caller, forms: {}, decisions: [{ name: 'fees.dmn', xml }] });
          // then
          expect(performance.now() - started).toBeLessThan(2_000);
          seen[checked.ok ? 'passed' : 'refused'] += 1;
          if (!checked.ok) {
            expectSayable(checked.errors);
            return;
          }
          // what passes the check runs: the business rule task decides or raises an incident
          const step = start(checked.ir, { time: TIME, variables });
          expect(['openTask', 'incident']).toContain(step.commands[0]?.type);
        },
      ),
      { numRuns: 250 },
    );
    // the mutations both break the file and leave some of it sound
    expect(seen.refused).toBeGreaterThan(25);
    expect(seen.passed).toBeGreaterThan(0);
  });
});

// ---- Forms: shipped with the procedure, or embedded in its model ----

const forms = [contactForm, reportForm, schoolRegistrationForm];

type FormMutation = (form: unknown) => unknown;

/** Every slot (object property or array item) of a JSON tree, for a mutation to pick from. */
function slotsOf(tree: unknown): [Record<string | number, unknown>, string | number][] {
  const slots: [Record<string | number, unknown>, string | number][] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      slots.push([node as Record<string, unknown>, Array.isArray(node) ? Number(key) : key]);
      walk(child);
    }
  };
  walk(tree);
  return slots;
}

const replaceValue =
  (at: number, value: unknown): FormMutation =>
  (form) => {
    const slot = slotsOf(form)[Math.floor(at * slotsOf(form).length)];
    if (slot) slot[0][slot[1]] = value;
    return form;
  };

const dropSlot =
  (at: number): FormMutation =>
  (form) => {
    const slots = slotsOf(form);
    const slot = slots[Math.floor(at * slots.length)];
    if (slot && Array.isArray(slot[0])) slot[0].splice(slot[1] as number, 1);
    else if (slot) delete slot[0][slot[1]];
    return form;
  };

/** A component again beside itself: two fields with one key. */
const duplicateComponent =
  (at: number): FormMutation =>
  (form) => {
    const lists = slotsOf(form).filter(([, key]) => key === 'components');
    const list = lists[Math.floor(at * lists.length)];
    const components = list?.[0][list[1]];
    if (Array.isArray(components) && components.length > 0) components.push(structuredClone(components[0]));
    return form;
  };

/** One field given a flaw form-js or Parvis would fail on: unknown type, bad pattern, bad FEEL, bad limits. */
const breakField =
  (at: number, flaw: Record<string, unknown>): FormMutation =>
  (form) => {
    const fields = slotsOf(form)
      .map(([node, key]) => node[key])
      .filter((node): node is Record<string, unknown> => !!node && typeof node === 'object' && 'type' in node);
    const field = fields[Math.floor(at * fields.length)];
    if (field) Object.assign(field, flaw);
    return form;
  };
const flaw = fc.constantFrom<Record<string, unknown>>(
  { type: 'unknown-type' },
  { validate: { pattern: '[a-z' } },
  { conditional: { hide: '=a +' } },
  { validate: { min: '0.30000000000000000001', max: '0.3' } },
  { components: 'none' },
);

const formValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    'textfield',
    'unknown-type',
    'group',
    'dynamiclist',
    '=a +',
    '=x > 1',
    '(',
    '[a-z',
    '0.1',
    '0.30000000000000000001',
    { pattern: '(' },
    { min: '1e400', max: '-' },
  ),
);
const formMutation: fc.Arbitrary<FormMutation> = fc.oneof(
  fc.tuple(unit, formValue).map(([at, value]) => replaceValue(at, value)),
  unit.map(dropSlot),
  unit.map(duplicateComponent),
  fc.tuple(unit, flaw).map(([at, chosen]) => breakField(at, chosen)),
);

const linking = bpmn(
  `<bpmn:startEvent id="start" /><bpmn:userTask id="review"><bpmn:extensionElements><zeebe:formDefinition formId="review" /></bpmn:extensionElements></bpmn:userTask>${chain(['start', 'review'])}`,
);
const embedding = (schema: unknown) =>
  bpmn(
    `<bpmn:extensionElements><zeebe:userTaskForm id="review">${escapeXml(JSON.stringify(schema) ?? '')}</zeebe:userTaskForm></bpmn:extensionElements>
     <bpmn:startEvent id="start" /><bpmn:userTask id="review"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:review" /></bpmn:extensionElements></bpmn:userTask>${chain(['start', 'review'])}`,
  );

describe('checkProcedure under fuzzing, forms', () => {
  it('form schemas with values replaced, parts dropped or fields duplicated, shipped or embedded: problems naming the form, never a throw', async () => {
    const seen = { refused: 0, passed: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...forms),
        fc.array(formMutation, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (form, mutations, embedded) => {
          // given
          const schema = mutations.reduce<unknown>((current, mutate) => mutate(current), structuredClone(form));
          // when
          const checked = await checkProcedure(
            embedded ? { bpmn: embedding(schema), forms: {} } : { bpmn: linking, forms: { review: schema } },
          );
          // then
          seen[checked.ok ? 'passed' : 'refused'] += 1;
          if (checked.ok) return;
          expectSayable(checked.errors);
          for (const error of checked.errors.filter((e) => e.code === 'FORM_INVALID')) {
            // an embedded form is named by the form key its task gives
            expect(error.message).toMatch(/^Form "(camunda-forms:bpmn:)?review"/);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(seen.refused).toBeGreaterThan(25);
    expect(seen.passed).toBeGreaterThan(0);
  });
});
