import { type FormSchema, formFields } from '@parvis/engine';
import type { ProcedureRow, ProcedureVersionRow } from '../procedures/repository.ts';

/** Form keys Open311 fills from its own parameters, not shown as attributes. */
export const STANDARD_KEYS = new Set([
  'email',
  'message',
  'latitude',
  'longitude',
  'address',
  'firstName',
  'lastName',
  'phone',
]);

/** A procedure as a GeoReport v2 service. */
export const serviceOf = (procedure: ProcedureRow) => ({
  service_code: procedure.key,
  service_name: procedure.title_fr,
  description: procedure.title_en,
  metadata: true,
  type: 'realtime',
  keywords: '',
  group: '',
});

/** A service definition: the start form's fields, but those Open311 fills itself, as attributes. */
export function serviceDefinition(version: ProcedureVersionRow) {
  const form = version.ir.startFormId ? (version.forms[version.ir.startFormId] as unknown as FormSchema) : undefined;
  if (!form) return { service_code: version.procedure_key, attributes: [] };
  const required = new Set(
    form.components.filter((c) => (c as { validate?: { required?: boolean } }).validate?.required).map((c) => c.key),
  );
  const choices = choicesByKey(form.components as unknown as Choosable[]);
  return {
    service_code: version.procedure_key,
    attributes: formFields(form)
      // A file field takes uploads to Parvis's file store, which an Open311 client cannot make.
      .filter((f) => !STANDARD_KEYS.has(f.field) && f.type !== 'filepicker')
      .map((f, order) => ({
        variable: true,
        code: f.field,
        datatype: choices.has(f.field)
          ? 'singlevaluelist'
          : f.type === 'number'
            ? 'number'
            : f.type === 'datetime'
              ? 'datetime'
              : f.type === 'textarea'
                ? 'text'
                : 'string',
        required: required.has(f.field),
        datatype_description: null,
        order: order + 1,
        description: f.label ?? f.field,
        // An app offers these keys to choose from and posts the chosen one as attribute[<code>].
        ...(choices.has(f.field) ? { values: choices.get(f.field) } : {}),
      })),
  };
}

interface Choosable {
  key?: string;
  type: string;
  values?: { label: string; value: string }[];
}

/** The fixed choices of the form's top-level select and radio fields, by key, as GeoReport values. */
function choicesByKey(components: Choosable[]): Map<string, { key: string; name: string }[]> {
  return new Map(
    components
      .filter((c) => (c.type === 'select' || c.type === 'radio') && c.key && c.values?.length)
      .map((c) => [c.key!, c.values!.map((v) => ({ key: v.value, name: v.label }))]),
  );
}
