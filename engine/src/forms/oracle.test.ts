// @vitest-environment happy-dom
// The form-js viewer itself, rendered under happy-dom, is the oracle: for the same schema and data,
// the fields it reports invalid (or silently empties) must be exactly those validateForm refuses,
// and when both accept, the data it would submit must be the data validateForm returns.
import { Form } from '@bpmn-io/form-js-viewer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactForm } from './fixtures/contact-form.ts';
import { reportForm } from './fixtures/report-form.ts';
import { schoolRegistrationForm } from './fixtures/school-registration-form.ts';
import { deepEqual } from './json.ts';
import type { FormComponent, FormSchema } from './schema.ts';
import { validateForm } from './validate-form.ts';
import { formatPath, getAt, setAt, type ValuePath } from './value-path.ts';

interface FieldInstance {
  id: string;
  valuePath: (string | number)[];
  indexes?: Record<string, number>;
}

interface Outcome {
  invalid: string[];
  data: Record<string, unknown>;
}

async function formJs(schema: FormSchema, data: Record<string, unknown>): Promise<Outcome> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const form = new Form({ container });
  await form.importSchema(structuredClone(schema), structuredClone(data));
  // expression fields compute in effects after the first render
  await happyDom().waitUntilComplete();
  const { data: submitted, errors } = form.submit();
  const instances = form.get<{ getAllKeyed(): FieldInstance[] }>('formFieldInstanceRegistry').getAllKeyed();
  const registry = form.get<{ get(id: string): FormComponent }>('formFieldRegistry');
  const invalid = instances.flatMap(({ id, valuePath, indexes }) => {
    if (registry.get(id).disabled) return [];
    const messages = getAt(errors, [id, ...Object.values(indexes ?? {})]);
    const emptied = isEmptied(getAt(data, valuePath), getAt(submitted, valuePath));
    return (Array.isArray(messages) && messages.length) || emptied ? [formatPath(valuePath)] : [];
  });
  form.destroy();
  container.remove();
  return { invalid: invalid.sort(), data: submitted };
}

function happyDom(): { waitUntilComplete(): Promise<void> } {
  return (window as unknown as { happyDOM: { waitUntilComplete(): Promise<void> } }).happyDOM;
}

/** form-js drops what it cannot use (an option not offered, a malformed date) instead of reporting it. */
function isEmptied(sent: unknown, kept: unknown): boolean {
  if (sent === undefined || sent === null || deepEqual(sent, kept)) return false;
  if (Array.isArray(sent) && Array.isArray(kept)) return kept.length < sent.length;
  return kept === null || kept === '' || kept === false || (Array.isArray(kept) && kept.length === 0);
}

function parvis(schema: FormSchema, data: Record<string, unknown>): Outcome {
  const result = validateForm(schema, data);
  if (result.ok) return { invalid: [], data: result.data };
  return { invalid: [...new Set(result.errors.map(({ field }) => field))].sort(), data: {} };
}

async function expectAgreement(schema: FormSchema, data: Record<string, unknown>) {
  const expected = await formJs(schema, data);
  const actual = parvis(schema, data);
  expect(actual.invalid, JSON.stringify(data)).toEqual(expected.invalid);
  if (!expected.invalid.length)
    expect(actual.data, JSON.stringify(data)).toEqual(withoutEmptyLists(schema, expected.data));
  return expected;
}

/** The one deliberate difference in output: an empty dynamic list is `[]` for us, absent in form-js. */
function withoutEmptyLists(schema: FormSchema, data: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data);
  const lists = (components: FormComponent[]): FormComponent[] =>
    components.flatMap((component) => [
      ...(component.type === 'dynamiclist' ? [component] : []),
      ...lists(component.components ?? []),
    ]);
  for (const list of lists(schema.components)) {
    if (list.path && getAt(copy, [list.path]) === undefined && !list.conditional) setAt(copy, [list.path], []);
  }
  return copy;
}

const validContact = {
  lastName: 'Martin',
  email: 'camille.martin@exemple.fr',
  subject: 'urbanisme',
  message: 'Bonjour, je souhaite consulter le PLU.',
  consent: true,
};

const validRegistration = {
  guardian: { name: 'Nadia Benali', phone: '+33612345678' },
  daysPerWeek: 3,
  classes: ['CP', 'CE1'],
  children: [{ name: 'Inès', birthDate: '2019-03-14', schoolClass: 'CP', diet: ['vegetarien'] }],
  activities: ['sport'],
};

/** Rules whose form-js behaviour surprises; the server follows it so that both sides agree. */
const quirksForm: FormSchema = {
  type: 'default',
  components: [
    { type: 'textfield', key: 'postalCode', validate: { pattern: '[0-9]{5}' } },
    { type: 'textfield', key: 'phone', validate: { validationType: 'phone' } },
    { type: 'textfield', key: 'name', validate: { required: true, minLength: 2 } },
    { type: 'textarea', key: 'comment', validate: { required: true } },
    { type: 'number', key: 'amount', increment: '0.05', validate: { min: '=minimum', max: '=minimum * 10' } },
    { type: 'textfield', key: 'reference', disabled: true, validate: { required: true } },
    { type: 'textfield', key: 'agent', readonly: true, validate: { required: true } },
    { type: 'group', components: [{ type: 'textfield', key: 'address.city', validate: { maxLength: '=2 + 3' } }] },
  ],
};

describe('validateForm agrees with the form-js viewer', () => {
  const cases: [string, FormSchema, Record<string, unknown>][] = [
    ['a complete contact request', contactForm, validContact],
    ['an empty contact request', contactForm, {}],
    [
      'a malformed e-mail and a national phone number',
      contactForm,
      { ...validContact, email: 'a@', phone: '0612345678' },
    ],
    ['a subject not offered', contactForm, { ...validContact, subject: 'piscine' }],
    ['a message of spaces', contactForm, { ...validContact, message: '          x' }],
    ['an unchecked consent', contactForm, { ...validContact, consent: false }],
    [
      'a report with a hidden field filled',
      reportForm,
      {
        category: 'voirie',
        otherCategory: 'x',
        description: 'Trottoir effondré devant la poste.',
        location: { street: 'Rue Haute', postalCode: '77100' },
      },
    ],
    [
      'a report whose conditional field is shown',
      reportForm,
      { category: 'autre', description: 'court', location: { postalCode: '7710' } },
    ],
    [
      'a dangerous report (computed priority)',
      reportForm,
      {
        category: 'eclairage',
        description: 'Câble électrique à nu.',
        location: { street: 'Rue Haute', postalCode: '77100' },
        dangerous: true,
        priority: 'basse',
        seenOn: '2026-03-02',
      },
    ],
    [
      'a malformed date',
      reportForm,
      {
        category: 'voirie',
        description: 'Trottoir effondré.',
        location: { street: 'x', postalCode: '77100' },
        seenOn: 'hier',
      },
    ],
    ['a complete registration', schoolRegistrationForm, validRegistration],
    ['a registration without children', schoolRegistrationForm, { ...validRegistration, children: [] }],
    ['a registration with the list missing', schoolRegistrationForm, { ...validRegistration, children: undefined }],
    [
      'a child with an allergy to describe',
      schoolRegistrationForm,
      {
        ...validRegistration,
        children: [
          { name: 'Yanis', birthDate: '2017-09-01', diet: ['pai'] },
          { name: 'Léa', birthDate: '2017-09-01', diet: ['pai'], allergy: 'arachide' },
        ],
      },
    ],
    [
      'a class not offered and a diet not offered',
      schoolRegistrationForm,
      {
        ...validRegistration,
        children: [{ name: 'Inès', birthDate: '2019-03-14', schoolClass: 'CM2', diet: ['halal'] }],
      },
    ],
    ['too many meals, a decimal count', schoolRegistrationForm, { ...validRegistration, daysPerWeek: 4.5 }],
    [
      'an activity only offered from 3 days',
      schoolRegistrationForm,
      { ...validRegistration, daysPerWeek: 2, activities: ['sport'] },
    ],
    ['a count sent as text', schoolRegistrationForm, { ...validRegistration, daysPerWeek: '2', activities: [] }],
    [
      'unanchored patterns, blank required text',
      quirksForm,
      {
        postalCode: 'abc12345xyz',
        phone: 'tel:+33612345678',
        name: 'Al',
        comment: '   ',
        amount: 0.3,
        minimum: 0.1,
        agent: 'A12',
        address: { city: 'Metz' },
      },
    ],
    [
      'trimmed lengths, FEEL bounds, an increment',
      quirksForm,
      { name: ' x ', amount: 0.33, minimum: 1, agent: '', address: { city: 'Strasbourg' } },
    ],
  ];

  it.each(cases)('on %s', async (_, schema, data) => {
    await expectAgreement(schema, data);
  });
});

/** Candidate values per field type: valid and invalid ones, the kinds a hand-crafted request would send. */
function candidates(component: FormComponent): unknown[] {
  const options = (component.values ?? []).map((option) => (option as { value: unknown }).value ?? option);
  switch (component.type) {
    case 'textfield':
    case 'textarea':
      return [
        undefined,
        null,
        '',
        '   ',
        'ab',
        'Martin',
        'Un texte assez long pour passer',
        'x'.repeat(61),
        'camille@exemple.fr',
        'camille@',
        '+33612345678',
        '06 12 34 56 78',
        '77100',
        '7710',
        42,
        { a: 1 },
      ];
    case 'number':
      return [undefined, null, 0, 1, 3, 4, 5, 2.5, '3', 'douze', true];
    case 'checkbox':
      return [undefined, true, false, 'oui'];
    case 'datetime':
      return [undefined, null, '2026-05-01', '2026-13-01', 'hier', 12];
    case 'select':
    case 'radio':
      return [undefined, null, 'piscine', 'CP', 'CE1', 'CM2', ...options];
    case 'checklist':
    case 'taglist':
      return [
        undefined,
        [],
        ['piscine'],
        ['etude'],
        ['etude', 'musique'],
        ...options.map((option) => [option]),
        // with options from an expression, form-js does not sanitise: a non-list value crashes its renderer
        ...(component.valuesExpression ? [] : ['lundi']),
      ];
    case 'filepicker':
      return [undefined, null];
    default:
      return [undefined, 'forged'];
  }
}

type Entries = [ValuePath, unknown][];

function entriesOf(components: FormComponent[]): fc.Arbitrary<Entries> {
  const parts = components.flatMap((component): fc.Arbitrary<Entries>[] => {
    if (component.key)
      return [fc.constantFrom(...candidates(component)).map((value): Entries => [[[component.key!], value]])];
    if (!component.components) return [];
    const prefix = component.path ? [component.path] : [];
    if (component.type !== 'dynamiclist') {
      return [
        entriesOf(component.components).map((entries) =>
          entries.map(([path, v]): [ValuePath, unknown] => [[...prefix, ...path], v]),
        ),
      ];
    }
    const row = entriesOf(component.components).map(assemble);
    return [fc.option(fc.array(row, { maxLength: 3 }), { nil: undefined }).map((rows): Entries => [[prefix, rows]])];
  });
  return fc.tuple(...parts).map((groups) => groups.flat());
}

function assemble(entries: Entries): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [path, value] of entries) {
    if (value !== undefined)
      setAt(
        data,
        path.flatMap((segment) => String(segment).split('.')),
        value,
      );
  }
  return data;
}

describe('validateForm agrees with the form-js viewer on generated requests', () => {
  it.each([
    ['the contact form', contactForm, {}],
    ['the report form', reportForm, {}],
    ['the school registration form', schoolRegistrationForm, { classes: ['CP', 'CE1'] }],
  ] as const)(
    'on %s',
    async (_, schema, context) => {
      await fc.assert(
        fc.asyncProperty(entriesOf(schema.components).map(assemble), async (data) => {
          await expectAgreement(schema, { ...context, ...data });
        }),
        { numRuns: 100, seed: 20260401 },
      );
    },
    60_000,
  );
});

describe('deliberate differences with form-js', () => {
  it('refuses an impossible date that form-js lets through (Date.parse rolls 30 February over)', async () => {
    // given
    const schema = reportForm;
    const data = {
      category: 'voirie',
      description: 'Trottoir effondré.',
      location: { street: 'x', postalCode: '77100' },
      seenOn: '2026-02-30',
    };

    // when
    const expected = await formJs(schema, data);
    const actual = parvis(schema, data);

    // then
    expect(expected.invalid).toEqual([]);
    expect(actual.invalid).toEqual(['seenOn']);
  });
});
