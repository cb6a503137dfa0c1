import type { FormSchema } from '@parvis/engine';
import type { ProcedureRow, ProcedureVersionRow } from '../procedures/repository.ts';
import { Open311Error } from './errors.ts';

/**
 * Form keys Open311 fills from its own parameters (email, description, first_name, last_name,
 * phone, lat, long, address_string), not shown as attributes. GeoReport makes each of them
 * optional, so a report need not carry them whatever the form says: their rules are lifted.
 */
export const STANDARD_KEYS = ['email', 'message', 'latitude', 'longitude', 'address', 'firstName', 'lastName', 'phone'];

/** A procedure as a GeoReport v2 service, grouped by its department. */
export const serviceOf = (procedure: ProcedureRow) => ({
  service_code: procedure.key,
  service_name: procedure.title_fr,
  // what the catalogue says of it, else its English name
  description: procedure.description_fr || procedure.title_en,
  metadata: true,
  type: 'realtime',
  keywords: '',
  group: procedure.department ?? '',
});

/** GeoReport's attribute datatypes. */
type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/** One attribute of a service definition, as the spec lists it. */
export interface Attribute {
  variable: true;
  code: string;
  datatype: Datatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

interface Field {
  key?: string;
  type: string;
  label?: string;
  path?: string;
  validate?: { required?: boolean; minLength?: number; maxLength?: number; min?: number; max?: number };
  values?: { label: string; value: string }[];
  components?: Field[];
}

const BOOLEAN_VALUES = [
  { key: 'true', name: 'Oui / Yes' },
  { key: 'false', name: 'Non / No' },
];

function datatypeOf(field: Field): Datatype {
  if ((field.type === 'select' || field.type === 'radio') && field.values?.length) return 'singlevaluelist';
  if ((field.type === 'checklist' || field.type === 'taglist') && field.values?.length) return 'multivaluelist';
  if (field.type === 'checkbox') return 'singlevaluelist';
  if (field.type === 'number') return 'number';
  if (field.type === 'datetime') return 'datetime';
  if (field.type === 'textarea') return 'text';
  return 'string';
}

/** The field's limits in words, for `datatype_description`. */
function limitsOf(field: Field): string | null {
  const v = field.validate ?? {};
  const parts: string[] = [];
  if (v.minLength !== undefined || v.maxLength !== undefined) {
    parts.push(
      `${v.minLength ?? 0} à ${v.maxLength ?? '∞'} caractères / ${v.minLength ?? 0} to ${v.maxLength ?? '∞'} characters`,
    );
  }
  if (v.min !== undefined || v.max !== undefined) parts.push(`${v.min ?? '-∞'} … ${v.max ?? '∞'}`);
  if (field.type === 'checkbox') parts.push('true / false');
  return parts.length ? parts.join('; ') : null;
}

/**
 * The start form's input fields a client can send as `attribute[<code>]`: top level and in groups,
 * not in repeated lists (GeoReport has no lists of records), not those Open311 fills itself, not
 * file fields (an app sends its photo as `media`).
 */
function attributeFields(components: Field[], prefix = ''): Field[] {
  return components.flatMap((c) => {
    if (Array.isArray(c.components)) {
      if (c.type === 'dynamiclist') return [];
      return attributeFields(c.components, c.path ? `${prefix}${c.path}.` : prefix);
    }
    if (!c.key || ['text', 'image', 'separator', 'spacer', 'button', 'html', 'expression'].includes(c.type)) return [];
    const key = `${prefix}${c.key}`;
    if (STANDARD_KEYS.includes(key) || c.type === 'filepicker') return [];
    return [{ ...c, key }];
  });
}

/** The form's start form, if any. */
export function startForm(version: ProcedureVersionRow): FormSchema | undefined {
  return version.ir.startFormId ? (version.forms[version.ir.startFormId] as unknown as FormSchema) : undefined;
}

/** The keys of the start form whose rules an Open311 report lifts: GeoReport's own optional fields, and file fields. */
export function looseKeys(version: ProcedureVersionRow): string[] {
  const files = (components: Field[], prefix: string): string[] =>
    components.flatMap((c) =>
      Array.isArray(c.components)
        ? files(c.components, c.path ? `${prefix}${c.path}.` : prefix)
        : c.type === 'filepicker' && c.key
          ? [`${prefix}${c.key}`]
          : [],
    );
  return [...STANDARD_KEYS, ...files((startForm(version)?.components ?? []) as unknown as Field[], '')];
}

/** A service's attributes: every field a client must or may send, its datatype, limits and values. */
export function attributesOf(version: ProcedureVersionRow): Attribute[] {
  const form = startForm(version);
  if (!form) return [];
  return attributeFields(form.components as unknown as Field[]).map((f, order) => {
    const datatype = datatypeOf(f);
    const values =
      f.type === 'checkbox'
        ? BOOLEAN_VALUES
        : datatype.endsWith('valuelist')
          ? f.values!.map((v) => ({ key: String(v.value), name: v.label }))
          : undefined;
    return {
      variable: true,
      code: f.key!,
      datatype,
      required: f.validate?.required === true,
      datatype_description: limitsOf(f),
      order: order + 1,
      description: f.label ?? f.key!,
      // An app offers these keys to choose from and posts the chosen one as attribute[<code>].
      ...(values ? { values } : {}),
    };
  });
}

/** A service definition as the spec gives it. */
export const serviceDefinition = (version: ProcedureVersionRow) => ({
  service_code: version.procedure_key,
  attributes: attributesOf(version),
});

const ATTRIBUTE_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The form's data from the posted `attribute[<code>]` values, each read by its datatype (a form
 * post carries only strings). An unknown code, a value outside the list or not a number is refused,
 * naming the attribute; required ones are checked with the form.
 */
export function readAttributes(attributes: Attribute[], posted: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const byCode = new Map(attributes.map((a) => [a.code, a]));
  for (const [code, value] of Object.entries(posted)) {
    const attribute = byCode.get(code);
    const name = `attribute[${code}]`;
    if (!attribute) {
      throw new Open311Error(
        400,
        `${name} : ce service n'a pas cet attribut (voir sa définition). / ${name}: this service has no such attribute (see its definition).`,
      );
    }
    if (value === '' || value === undefined) continue;
    const keys = attribute.values?.map((v) => v.key) ?? [];
    const refuse = (what: string) =>
      new Open311Error(
        400,
        `${name} : ${JSON.stringify(what).slice(0, 100)} n'est pas une valeur permise${keys.length ? ` (${keys.join(', ')})` : ''}. / ${name}: ${JSON.stringify(what).slice(0, 100)} is not an allowed value${keys.length ? ` (${keys.join(', ')})` : ''}.`,
      );
    let read: unknown;
    if (attribute.datatype === 'multivaluelist') {
      const list = Array.isArray(value) ? value : [value];
      for (const one of list) if (typeof one !== 'string' || !keys.includes(one)) throw refuse(String(one));
      read = list;
    } else if (typeof value !== 'string') {
      throw refuse(JSON.stringify(value));
    } else if (attribute.datatype === 'singlevaluelist') {
      if (!keys.includes(value)) throw refuse(value);
      read = attribute.values === BOOLEAN_VALUES ? value === 'true' : value;
    } else if (attribute.datatype === 'number') {
      read = Number(value);
      if (!value.trim() || !Number.isFinite(read)) throw refuse(value);
    } else if (attribute.datatype === 'datetime') {
      if (!ATTRIBUTE_DATETIME.test(value)) throw refuse(value);
      read = value;
    } else {
      read = value;
    }
    setPath(data, code, read);
  }
  return data;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) {
    at[key] = typeof at[key] === 'object' && at[key] ? at[key] : {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
}
