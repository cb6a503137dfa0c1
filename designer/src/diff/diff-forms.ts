// What changed in a procedure's forms between two versions: forms added or removed, and in each form
// kept, its fields added, removed or changed (label, type, required). Pure: runs in the browser and in tests.

/** A form-js schema as a version stores it; only what the diff reads. */
interface Component {
  key?: unknown;
  type?: unknown;
  label?: unknown;
  validate?: { required?: unknown };
  components?: unknown;
}

export interface FieldSnapshot {
  label: string;
  type: string;
  required: boolean;
}

export interface FieldChange {
  /** the field's key, as the request's data names it */
  key: string;
  kind: 'added' | 'removed' | 'changed';
  before?: FieldSnapshot;
  after?: FieldSnapshot;
  /** what differs, for a changed field */
  changed?: (keyof FieldSnapshot)[];
}

export interface FormsDiff {
  added: string[];
  removed: string[];
  /** forms in both versions whose fields differ */
  changed: { formId: string; fields: FieldChange[] }[];
}

const ASPECTS: (keyof FieldSnapshot)[] = ['label', 'type', 'required'];

/** The fields of a form by key, groups and lists flattened. */
function fieldsOf(schema: unknown): Map<string, FieldSnapshot> {
  const fields = new Map<string, FieldSnapshot>();
  const visit = (components: unknown) => {
    if (!Array.isArray(components)) return;
    for (const component of components as Component[]) {
      if (typeof component?.key === 'string')
        fields.set(component.key, {
          label: typeof component.label === 'string' ? component.label : '',
          type: typeof component.type === 'string' ? component.type : '',
          required: component.validate?.required === true,
        });
      visit(component?.components);
    }
  };
  visit((schema as Component | undefined)?.components);
  return fields;
}

function diffFields(before: unknown, after: unknown): FieldChange[] {
  const old = fieldsOf(before);
  const current = fieldsOf(after);
  const changes: FieldChange[] = [];
  for (const [key, field] of current) {
    const was = old.get(key);
    if (!was) changes.push({ key, kind: 'added', after: field });
    else {
      const changed = ASPECTS.filter((aspect) => was[aspect] !== field[aspect]);
      if (changed.length > 0) changes.push({ key, kind: 'changed', before: was, after: field, changed });
    }
  }
  for (const [key, field] of old) if (!current.has(key)) changes.push({ key, kind: 'removed', before: field });
  return changes;
}

/** The forms diff between two versions' forms, each by form id. */
export function diffForms(before: Record<string, unknown>, after: Record<string, unknown>): FormsDiff {
  const ids = (forms: Record<string, unknown>) => Object.keys(forms).sort();
  return {
    added: ids(after).filter((id) => !(id in before)),
    removed: ids(before).filter((id) => !(id in after)),
    changed: ids(after)
      .filter((id) => id in before)
      .map((formId) => ({ formId, fields: diffFields(before[formId], after[formId]) }))
      .filter((form) => form.fields.length > 0),
  };
}
