import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Json } from '@parvis/engine';
import { deployProcedure } from '@parvis/graphql';
import type { Sql } from 'postgres';

/** The first form of `pieces`: the citizen's e-mail and a proof of address (PDF). */
const FORM: Json = {
  components: [
    { id: 'Field_email', key: 'email', type: 'textfield', label: 'Votre adresse e-mail' },
    {
      id: 'Field_justificatif',
      key: 'justificatif',
      type: 'filepicker',
      label: 'Justificatif de domicile',
      accept: '.pdf',
    },
  ],
};

/**
 * Deploys `pieces` in the demo municipality: a request that waits for the citizen to answer with
 * the documents asked for (test/fixtures/answer-files-procedure.bpmn), then a review task.
 */
export async function deployDocumentsProcedure(sql: Sql): Promise<void> {
  await deployProcedure(
    sql,
    'demo',
    {
      key: 'pieces',
      title: { fr: 'Demande avec pièces', en: 'Request with documents' },
      bpmn: await readFile(join(import.meta.dirname, '../fixtures/answer-files-procedure.bpmn'), 'utf8'),
      forms: { 'pieces-form': FORM },
    },
    'test',
  );
}
