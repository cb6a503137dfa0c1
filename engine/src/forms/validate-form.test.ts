import { describe, expect, it } from 'vitest';
import { contactForm } from './fixtures/contact-form.ts';
import { reportForm } from './fixtures/report-form.ts';
import { schoolRegistrationForm } from './fixtures/school-registration-form.ts';
import type { FormComponent, FormSchema } from './schema.ts';
import { type FormValidation, validateForm } from './validate-form.ts';

const form = (...components: FormComponent[]): FormSchema => ({ type: 'default', components });

function failures(result: FormValidation) {
  return result.ok ? [] : result.errors.map(({ field, code }) => `${field}:${code}`);
}

const validContact = {
  lastName: 'Martin',
  firstName: 'Camille',
  email: 'camille.martin@exemple.fr',
  phone: '+33612345678',
  subject: 'urbanisme',
  message: 'Bonjour, je souhaite consulter le PLU.',
  consent: true,
};

describe('validateForm', () => {
  it('accepts a complete contact request and keeps only the fields of the form', () => {
    // given
    const data = { ...validContact, isAdmin: true, intro: 'x' };

    // when
    const result = validateForm(contactForm, data);

    // then
    expect(result).toEqual({ ok: true, data: validContact });
  });

  it('says in French and English that a required field is missing', () => {
    // given
    const { lastName: _, ...data } = validContact;

    // when
    const result = validateForm(contactForm, data);

    // then
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'lastName',
          code: 'required',
          message: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
        },
      ],
    });
  });

  it('treats an unchecked required checkbox and blank text as missing', () => {
    // given
    const data = { ...validContact, consent: false, lastName: '' };

    // when
    const result = validateForm(contactForm, data);

    // then
    expect(failures(result)).toEqual(['lastName:required', 'consent:required']);
  });

  it('checks e-mail and international phone formats', () => {
    // given
    const data = { ...validContact, email: 'camille@', phone: '06 12 34 56 78' };

    // when
    const result = validateForm(contactForm, data);

    // then
    expect(failures(result)).toEqual(['email:email', 'phone:phone']);
  });

  it('counts lengths on trimmed text, as the form-js viewer does', () => {
    // given
    const data = { ...validContact, message: '   court    ', lastName: 'x'.repeat(61) };

    // when
    const result = validateForm(contactForm, data);

    // then
    expect(failures(result)).toEqual(['lastName:maxLength', 'message:minLength']);
    expect(result.ok || result.errors[1]?.message.fr).toBe('Saisissez au moins 10 caractères.');
  });

  it('refuses a select value that is not among the options', () => {
    // given
    const data = { ...validContact, subject: 'piscine' };

    // when
    const result = validateForm(contactForm, data);

    // then
    expect(failures(result)).toEqual(['subject:invalidOption']);
  });

  it('neither requires nor keeps a field whose hide condition holds', () => {
    // given
    const data = {
      category: 'voirie',
      otherCategory: 'sera ignoré',
      description: 'Un nid-de-poule profond devant le numéro 12.',
      location: { street: '12 rue de la Mairie', postalCode: '77100' },
    };

    // when
    const result = validateForm(reportForm, data);

    // then
    expect(result).toEqual({
      ok: true,
      data: {
        category: 'voirie',
        description: 'Un nid-de-poule profond devant le numéro 12.',
        location: { street: '12 rue de la Mairie', postalCode: '77100', city: 'Villeneuve' },
        seenOn: null,
        dangerous: false,
        photo: null,
        priority: 'normale',
      },
    });
  });

  it('requires a conditional field once it is shown, and names group fields by their path', () => {
    // given
    const data = {
      category: 'autre',
      description: 'Un banc public est cassé.',
      location: { street: 'Place du Marché', postalCode: '7710' },
    };

    // when
    const result = validateForm(reportForm, data);

    // then
    expect(failures(result)).toEqual(['otherCategory:required', 'location.postalCode:pattern']);
  });

  it("uses the analyst's pattern message in the form's language and ours in the other", () => {
    // given
    const data = {
      category: 'voirie',
      description: 'Trottoir effondré.',
      location: { street: 'x', postalCode: 'abc' },
    };

    // when
    const french = validateForm(reportForm, data);
    const english = validateForm(reportForm, data, { locale: 'en' });

    // then
    expect(french.ok || french.errors[0]?.message).toEqual({
      fr: 'Le code postal compte 5 chiffres.',
      en: 'The value does not have the expected format.',
    });
    expect(english.ok || english.errors[0]?.message.en).toBe('Le code postal compte 5 chiffres.');
  });

  it('computes expression fields and ignores a value the caller sent for them', () => {
    // given
    const data = {
      category: 'eclairage',
      description: 'Lampadaire éteint depuis une semaine.',
      location: { street: 'Allée des Tilleuls', postalCode: '77100', city: 'Villeneuve' },
      dangerous: true,
      priority: 'basse',
    };

    // when
    const result = validateForm(reportForm, data);

    // then
    expect(result.ok && result.data.priority).toBe('urgente');
  });

  it('reports errors per repetition of a dynamic list and checks options coming from the data', () => {
    // given
    const data = {
      guardian: { name: 'Nadia Benali', phone: '+33612345678' },
      daysPerWeek: 4,
      classes: ['CP', 'CE1', 'CE2'],
      children: [
        { name: 'Inès', birthDate: '2019-03-14', schoolClass: 'CP' },
        { name: '', birthDate: '2018-02-30', schoolClass: 'CM2' },
        { name: 'Yanis', birthDate: '2017-09-01', diet: ['pai'] },
      ],
    };

    // when
    const result = validateForm(schoolRegistrationForm, data);

    // then
    expect(failures(result)).toEqual([
      'children[1].name:required',
      'children[1].birthDate:invalidDate',
      'children[1].schoolClass:invalidOption',
      'children[2].allergy:required',
    ]);
  });

  it('keeps list rows with their own fields only and counts them in an expression', () => {
    // given
    const data = {
      guardian: { name: 'Nadia Benali', phone: '+33612345678' },
      daysPerWeek: 2,
      activities: ['etude'],
      classes: ['CP'],
      children: [{ name: 'Inès', birthDate: '2019-03-14', schoolClass: 'CP', shoeSize: 28 }],
    };

    // when
    const result = validateForm(schoolRegistrationForm, data);

    // then
    expect(result).toEqual({
      ok: true,
      data: {
        guardian: { name: 'Nadia Benali', phone: '+33612345678' },
        daysPerWeek: 2,
        children: [{ name: 'Inès', birthDate: '2019-03-14', schoolClass: 'CP', diet: [] }],
        activities: ['etude'],
        childCount: 1,
      },
    });
  });

  it('checks taglist values against options computed by an expression', () => {
    // given
    const data = {
      guardian: { name: 'Nadia Benali', phone: '+33612345678' },
      daysPerWeek: 2,
      activities: ['etude', 'musique'],
      children: [{ name: 'Inès', birthDate: '2019-03-14' }],
    };

    // when
    const result = validateForm(schoolRegistrationForm, data);

    // then
    expect(failures(result)).toEqual(['activities:invalidOption']);
  });

  it('checks number bounds, decimal digits and increments exactly', () => {
    // given
    const schema = form(
      { type: 'number', key: 'meals', decimalDigits: 0, validate: { min: 1, max: '=limit' } },
      { type: 'number', key: 'area', increment: '0.1' },
      { type: 'number', key: 'height', increment: 0.25 },
      { type: 'number', key: 'text' },
    );

    // when
    const result = validateForm(schema, { limit: 5, meals: 6.5, area: 0.3, height: 1.3, text: 'douze' });

    // then
    expect(failures(result)).toEqual(['meals:decimalDigits', 'meals:max', 'height:increment', 'text:notANumber']);
    expect(result.ok || result.errors[2]?.message.fr).toBe(
      'Choisissez une valeur valide ; les deux plus proches sont 1,25 et 1,5.',
    );
  });

  it('accepts numbers sent as text and returns them as numbers', () => {
    // given
    const schema = form({ type: 'number', key: 'amount', validate: { min: 0 } });

    // when
    const result = validateForm(schema, { amount: '12.5' });

    // then
    expect(result).toEqual({ ok: true, data: { amount: 12.5 } });
  });

  it('compares number limits exactly, as decimals, not as floats', () => {
    // given amounts kept as text, with limits past what a float can tell apart
    const schema = form(
      { type: 'number', key: 'rate', serializeToString: true, validate: { max: '0.3' } },
      { type: 'number', key: 'id', serializeToString: true, validate: { max: '9007199254740992' } },
      { type: 'number', key: 'floor', serializeToString: true, validate: { min: 0.1 } },
    );

    // when
    const over = validateForm(schema, {
      rate: '0.30000000000000001',
      id: '9007199254740993',
      floor: '0.09999999999999999',
    });
    const within = validateForm(schema, { rate: '0.3', id: '9007199254740992', floor: '0.1' });

    // then
    expect(failures(over)).toEqual(['rate:max', 'id:max', 'floor:min']);
    expect(within.ok).toBe(true);
  });

  it('refuses values of the wrong shape', () => {
    // given
    const schema = form(
      { type: 'textfield', key: 'name' },
      { type: 'checkbox', key: 'agree' },
      { type: 'checklist', key: 'days', values: ['lundi', 'mardi'] },
      { type: 'datetime', key: 'at', subtype: 'datetime' },
      { type: 'datetime', key: 'time', subtype: 'time' },
    );

    // when
    const result = validateForm(schema, {
      name: { x: 1 },
      agree: 'oui',
      days: 'lundi',
      at: '2026-05-01',
      time: '25:00',
    });

    // then
    expect(failures(result)).toEqual([
      'name:invalidValue',
      'agree:invalidValue',
      'days:invalidValue',
      'at:invalidDateTime',
      'time:invalidTime',
    ]);
  });

  it('drops disabled fields and the children of a hidden group', () => {
    // given
    const schema = form(
      { type: 'textfield', key: 'reference', disabled: true, validate: { required: true } },
      { type: 'checkbox', key: 'isCompany' },
      {
        type: 'group',
        path: 'company',
        conditional: { hide: '=not(isCompany)' },
        components: [{ type: 'textfield', key: 'siret', validate: { required: true, pattern: '^[0-9]{14}$' } }],
      },
    );

    // when
    const result = validateForm(schema, { reference: 'X', isCompany: false, company: { siret: 'abc' } });

    // then
    expect(result).toEqual({ ok: true, data: { isCompany: false } });
  });

  it('refuses a dynamic list that is not a list', () => {
    // given
    const data = { guardian: { name: 'Nadia Benali', phone: '+33612345678' }, daysPerWeek: 1, children: 'Inès' };

    // when
    const result = validateForm(schoolRegistrationForm, data);

    // then
    expect(failures(result)).toEqual([
      'children:invalidValue',
      'children[0].name:required',
      'children[0].birthDate:required',
    ]);
  });
});
