import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import '@bpmn-io/form-js-editor/dist/assets/dragula.css';

/** The form-js editor on a container, with its schema; `onChange` receives the schema as it changes. */
export async function createFormEditor(
  container: HTMLElement,
  schema: Record<string, unknown>,
  onChange: (schema: Record<string, unknown>) => void,
): Promise<{ destroy(): void; schema(): Record<string, unknown> }> {
  const editor = new FormEditor({ container });
  await editor.importSchema(schema);
  editor.on('changed', () => onChange(editor.saveSchema()));
  return { destroy: () => editor.destroy(), schema: () => editor.saveSchema() };
}
