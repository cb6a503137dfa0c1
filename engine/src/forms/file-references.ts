// Sandbox-safe: where a form takes files, and which stored files a validated submission references.
import { type FormComponent, isInput, isList } from './schema.ts';
import { formatPath, getAt } from './value-path.ts';
import { visitFields } from './visit-fields.ts';

export interface FilePickerField {
  /** key path; in a dynamic list `children[].photo` */
  field: string;
  /** form-js `accept`: an HTML accept list such as `image/*,.pdf`; empty when any kept type goes */
  accept: string;
  label?: string;
}

export interface FileReference {
  /** the picker, as in FilePickerField.field */
  field: string;
  /** where the value sits in the data: `children[1].photo` */
  path: string;
  ids: string[];
}

export function filePickerFields(schema: { components: FormComponent[] }): FilePickerField[] {
  const collect = (components: FormComponent[], prefix: string): FilePickerField[] =>
    components.flatMap((component) => {
      if (isInput(component)) {
        if (component.type !== 'filepicker') return [];
        const accept = typeof component.accept === 'string' ? component.accept : '';
        return [{ field: join(prefix, component.key), accept, ...(component.label ? { label: component.label } : {}) }];
      }
      if (!Array.isArray(component.components)) return [];
      const path = component.path ? join(prefix, component.path) : prefix;
      return collect(component.components, isList(component) ? `${path}[]` : path);
    });
  return collect(schema.components, '');
}

/** The file ids of each filepicker in data that validateForm has accepted. */
export function fileReferences(
  schema: { components: FormComponent[] },
  data: Record<string, unknown>,
): FileReference[] {
  const references: FileReference[] = [];
  visitFields(schema.components, data, {
    list() {},
    field({ component, path, hidden }) {
      if (hidden || component.type !== 'filepicker') return;
      const value = getAt(data, path);
      if (!Array.isArray(value) || value.length === 0) return;
      const at = formatPath(path);
      references.push({ field: at.replace(/\[\d+\]/g, '[]'), path: at, ids: value as string[] });
    },
  });
  return references;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}
