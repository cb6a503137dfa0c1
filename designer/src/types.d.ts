// Just enough of the bpmn-io packages that ship no types, for the designer's use of them.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export const ZeebePropertiesProviderModule: unknown;
  export function useService<T = unknown>(name: string): T;
}
declare module '@bpmn-io/properties-panel' {
  export const TextFieldEntry: unknown;
  export const TextAreaEntry: unknown;
  export const SelectEntry: unknown;
  export const CheckboxEntry: unknown;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isTextAreaEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): unknown;
}
declare module 'bpmn-js-element-templates' {
  export const CloudElementTemplatesPropertiesProviderModule: unknown;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: unknown;
  export default module;
}
declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module 'bpmn-js-differ' {
  export interface Changes {
    _changed: Record<
      string,
      {
        model: { $type: string; id: string; name?: string };
        attrs: Record<string, { oldValue: unknown; newValue: unknown }>;
      }
    >;
    _added: Record<string, { $type: string; id: string; name?: string }>;
    _removed: Record<string, { $type: string; id: string; name?: string }>;
    _layoutChanged: Record<string, { $type: string; id: string; name?: string }>;
  }
  export function diff(oldDefinitions: unknown, newDefinitions: unknown): Changes;
}
declare module 'bpmnlint' {
  export interface LintReport {
    id?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
  }
  export class Linter {
    constructor(options: { config: { rules: Record<string, string> }; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, LintReport[]>>;
  }
}
declare module 'bpmnlint/rules/*' {
  const rule: unknown;
  export default rule;
}
declare module '@bpmn-io/form-js-editor' {
  export class FormEditor {
    constructor(options: { container: HTMLElement; [key: string]: unknown });
    importSchema(schema: unknown): Promise<{ warnings: unknown[] }>;
    saveSchema(): Record<string, unknown>;
    on(event: string, callback: (...args: never[]) => void): void;
    destroy(): void;
  }
}
declare module '*.css';
declare module 'dmn-js/lib/Modeler' {
  interface View {
    type: string;
    element: { id: string; name?: string };
  }
  interface Viewer {
    get(name: 'eventBus'): { on(event: string, callback: () => void): void };
  }
  export default class DmnModeler {
    constructor(options: { container: HTMLElement });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
    getViews(): View[];
    open(view: View): Promise<unknown>;
    getActiveViewer(): Viewer | undefined;
    on(event: string, callback: () => void): void;
    destroy(): void;
  }
}
