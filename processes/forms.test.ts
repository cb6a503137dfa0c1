// @vitest-environment happy-dom
// Every shipped form opens in the form-js viewer itself (what the portal renders), without warnings.
import { Form } from '@bpmn-io/form-js-viewer';
import { describe, expect, it } from 'vitest';
import { loadShippedProcedures } from './index.ts';

describe('shipped forms in the form-js viewer', async () => {
  const forms = (await loadShippedProcedures()).flatMap((procedure) =>
    Object.entries(procedure.forms).map(([id, schema]) => [`${procedure.key}/${id}`, schema] as const),
  );

  it.each(forms)('%s imports without warnings and renders its fields', async (_, schema) => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const form = new Form({ container });
    const { warnings } = await form.importSchema(structuredClone(schema as object));
    expect(warnings).toEqual([]);
    expect(container.querySelectorAll('.fjs-form-field').length).toBeGreaterThan(0);
    form.destroy();
    container.remove();
  });
});
