// Sandbox-safe: walks a form the way the form-js viewer renders it: groups, dynamic-list repetitions,
// hide conditions inherited by children.
import { type FieldScope, isHidden, rootScope, rowScope } from './feel.ts';
import { type FormComponent, type InputComponent, isInput, isList } from './schema.ts';
import { getAt, splitKey, type ValuePath } from './value-path.ts';

export interface FieldInstance {
  component: InputComponent;
  path: ValuePath;
  scope: FieldScope;
  hidden: boolean;
}

export interface ListInstance {
  component: FormComponent;
  path: ValuePath;
  hidden: boolean;
}

export type GroupInstance = ListInstance;

export interface FieldVisitor {
  field(instance: FieldInstance): void;
  list(instance: ListInstance): void;
  /** groups that are not dynamic lists, before their fields */
  group?(instance: GroupInstance): void;
}

interface Place {
  scope: FieldScope;
  basePath: ValuePath;
  hidden: boolean;
}

export function visitFields(components: FormComponent[], data: Record<string, unknown>, visitor: FieldVisitor): void {
  visitAll(components, data, { scope: rootScope(data), basePath: [], hidden: false }, visitor);
}

function visitAll(components: FormComponent[], data: Record<string, unknown>, place: Place, visitor: FieldVisitor) {
  for (const component of components) {
    const hidden = place.hidden || isHidden(component.conditional?.hide, place.scope);
    if (isInput(component)) {
      visitor.field({ component, path: [...place.basePath, ...splitKey(component.key)], scope: place.scope, hidden });
      continue;
    }
    if (!Array.isArray(component.components)) continue;
    const path = component.path ? [...place.basePath, ...splitKey(component.path)] : place.basePath;
    if (!isList(component)) {
      visitor.group?.({ component, path, hidden });
      visitAll(component.components, data, { scope: place.scope, basePath: path, hidden }, visitor);
      continue;
    }
    const value = getAt(data, path);
    visitor.list({ component, path, hidden });
    if (hidden) continue;
    (Array.isArray(value) ? value : []).forEach((row, index) => {
      const rowPlace = { scope: rowScope(place.scope, row, index), basePath: [...path, index], hidden: false };
      visitAll(component.components ?? [], data, rowPlace, visitor);
    });
  }
}
