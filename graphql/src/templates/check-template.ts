import { type FormComponent, REQUEST_VARIABLES, templateFieldKeys, unknownTemplateVariables } from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { procedureRepository } from '../procedures/repository.ts';
import { type ReplyTemplateInput, replyTemplateRepository } from './repository.ts';

interface FieldProblem {
  field: string;
  message: string;
  /** the unknown variables a text names */
  variables?: string[];
}

const TEXTS = [
  ['subjectFr', 'Objet (français)', 'Subject (French)'],
  ['bodyFr', 'Texte (français)', 'Text (French)'],
  ['subjectEn', 'Objet (anglais)', 'Subject (English)'],
  ['bodyEn', 'Texte (anglais)', 'Text (English)'],
] as const;

/** The form fields a template for this procedure may name (none for a template of every procedure). */
export async function procedureFieldKeys(tx: Db, procedureKey: string | null | undefined): Promise<string[]> {
  if (!procedureKey) return [];
  const version = await procedureRepository(tx).latestVersion(procedureKey);
  const formId = version?.ir.startFormId;
  return templateFieldKeys(formId ? (version.forms[formId] as { components: FormComponent[] }) : undefined);
}

/**
 * Refuses a template that names a variable neither the request nor the procedure's form gives, has
 * no text or name, names a procedure the town does not have, or takes another template's name:
 * BAD_USER_INPUT with each problem's field, in French and English.
 */
export async function checkTemplate(tx: Db, input: ReplyTemplateInput, id: string | null): Promise<void> {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (!name || name.length > 120) {
    problems.push({
      field: 'name',
      message: 'Donnez un nom de 1 à 120 caractères. / Give a name of 1 to 120 characters.',
    });
  } else if (await replyTemplateRepository(tx).sameName(name, input.procedureKey || null, id)) {
    problems.push({
      field: 'name',
      message: `Un autre modèle s'appelle déjà « ${name} ». / Another template is already called "${name}".`,
    });
  }
  if (!input.bodyFr.trim()) {
    problems.push({ field: 'bodyFr', message: 'Écrivez le texte en français. / Write the French text.' });
  }
  if (input.procedureKey && !(await procedureRepository(tx).find(input.procedureKey))) {
    problems.push({
      field: 'procedureKey',
      message: `La démarche « ${input.procedureKey} » n'existe pas ici. / No such procedure here.`,
    });
  }
  const fieldKeys = await procedureFieldKeys(tx, input.procedureKey);
  const known = [...Object.keys(REQUEST_VARIABLES), ...fieldKeys].map((v) => `{{${v}}}`).join(', ');
  for (const [field, fr, en] of TEXTS) {
    const text = input[field] ?? '';
    const unknown = unknownTemplateVariables({ subjectFr: '', bodyFr: text, subjectEn: '', bodyEn: '' }, fieldKeys);
    if (unknown.length === 0) continue;
    const names = unknown.map((v) => `{{${v}}}`).join(', ');
    problems.push({
      field,
      variables: unknown,
      message:
        `${fr} : variable inconnue ${names}. Variables possibles : ${known}. / ` +
        `${en}: unknown variable ${names}. Known variables: ${known}.`,
    });
  }
  if (problems.length > 0) {
    throw userError(
      'BAD_USER_INPUT',
      `Le modèle n'est pas enregistré : ${problems.map((p) => p.message.split(' / ')[0]).join(' ')} / The template is not saved: ${problems
        .map((p) => p.message.split(' / ')[1])
        .join(' ')}`,
      { fields: problems },
    );
  }
}
