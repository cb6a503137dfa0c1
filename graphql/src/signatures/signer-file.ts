import {
  computedValues,
  type FormComponent,
  type FormSchema,
  fieldByKey,
  formFields,
  moneyInWords,
  type ProcessIR,
  type Variables,
  valueInWords,
  type WordsLanguage,
} from '@parvis/engine';
import { snapshotQuery } from '@parvis/workers/messages';
import type { Client } from '@temporalio/client';
import type { Db } from '../common/database.ts';
import { documentPreviews, previewUrl } from '../documents/preview.ts';
import type { TaskRow } from '../tasks/repository.ts';

/** A form's field as people read it: its label and its value in words. */
export interface WordedValue {
  label: string;
  value: string;
}

/** An earlier step of the request: what it said (a service's opinion, its conditions), who, when. */
export interface CompletedStep {
  name: string;
  completedBy: string | null;
  completedAt: Date;
  values: WordedValue[];
}

/** What the agent deciding a step reads first: the earlier steps, the amounts computed, the documents ahead. */
export interface SignerFile {
  steps: CompletedStep[];
  /** the values the procedure computed, an amount of money in its currency (« 918 € ») */
  amounts: WordedValue[];
  documents: DocumentPreview[];
}

/** A document the step leads to, with the address of its preview as it would be issued now. */
export interface DocumentPreview {
  title: { fr: string; en: string };
  template: string;
  url: string;
}

interface Context {
  ir: ProcessIR;
  forms: Record<string, FormSchema>;
  time_zone: string;
}

interface StepRow {
  element_id: string;
  name: string | null;
  form_id: string | null;
  completed_by: string | null;
  closed_at: Date;
}

/**
 * The whole file of a task's request, in words: each earlier completed step with its form's data
 * (the latest time each step was done: a request sent back for changes is reviewed again), who did
 * it and when; the values the procedure computed (a fee); the documents this step leads to, with a
 * preview of each as it would be issued now. Values come from the request's workflow as they stand.
 */
export async function signerFile(
  db: Db,
  temporal: Client,
  publicUrl: string,
  task: TaskRow,
  lang: WordsLanguage,
): Promise<SignerFile> {
  const [context] = await db<Context[]>`select v.ir, v.forms, m.time_zone from requests r
    join procedure_versions v on v.id = r.procedure_version_id
    join municipalities m on m.id = r.municipality_id where r.id = ${task.request_id}`;
  if (!context) return { steps: [], amounts: [], documents: [] };
  const steps = await db<StepRow[]>`select distinct on (element_id) element_id, name, form_id, completed_by, closed_at
    from tasks where request_id = ${task.request_id} and status = 'completed' and id <> ${task.id}
    order by element_id, closed_at desc`;
  const variables = await liveVariables(temporal, task.workflow_id);
  const forms = Object.values(context.forms ?? {});
  const inWords = (key: string, field?: FormComponent) =>
    valueInWords(variables[key], field ?? fieldByKey(forms, key), lang, context.time_zone);
  return {
    steps: steps
      .sort((a, b) => a.closed_at.getTime() - b.closed_at.getTime())
      .map((step) => ({
        name: step.name ?? step.element_id,
        completedBy: step.completed_by,
        completedAt: step.closed_at,
        values: step.form_id ? formValues(context.forms[step.form_id], inWords) : [],
      })),
    amounts: computedValues(context.ir).flatMap(({ name, variable, currency }) => {
      const amount = variables[variable];
      const value = currency && typeof amount === 'number' ? moneyInWords(amount, lang, currency) : inWords(variable);
      return value ? [{ label: name, value }] : [];
    }),
    documents: documentPreviews(context.ir, task.element_id, variables, new Date()).map((preview) => ({
      title: preview.title,
      template: preview.template,
      url: previewUrl(publicUrl, task.tracking_code, task.id, preview.elementId),
    })),
  };
}

/** A step's form in reading order, each filled field with its label and its value in words. */
function formValues(
  form: FormSchema | undefined,
  inWords: (key: string, field?: FormComponent) => string,
): WordedValue[] {
  if (!form) return [];
  return formFields(form).flatMap(({ field, label }) => {
    const value = inWords(field, fieldByKey([form], field));
    return value ? [{ label: label ?? field, value }] : [];
  });
}

/** The request's variables as its workflow holds them now. */
async function liveVariables(temporal: Client, workflowId: string): Promise<Variables> {
  return (await temporal.workflow.getHandle(workflowId).query(snapshotQuery)).variables;
}
