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
  return {
    service_code: version.procedure_key,
    attributes: formFields(form)
      // A file field takes uploads to Parvis's file store, which an Open311 client cannot make.
      .filter((f) => !STANDARD_KEYS.has(f.field) && f.type !== 'filepicker')
      .map((f, order) => ({
        variable: true,
        code: f.field,
        datatype:
          f.type === 'number'
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
      })),
  };
}
