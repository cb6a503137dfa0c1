// Sandbox-safe: checks a form-js schema before it is deployed — what would otherwise throw or
// misbehave when a citizen submits it: unknown field types, input fields without a key, groups
// without components, patterns that are not regular expressions, FEEL that does not parse, limits
// that are not numbers. Each problem names the form and the field.

import { feelSyntaxError, unaryTestsSyntaxError } from '../expressions/feel.ts';
import type { ModelProblem } from '../runtime/types.ts';
import { INPUT_TYPES } from './schema.ts';

/** Every component type the form-js viewer (1.x) renders. */
export const FORM_COMPONENT_TYPES = [
  ...INPUT_TYPES,
  'text',
  'html',
  'image',
  'button',
  'group',
  'dynamiclist',
  'iframe',
  'table',
  'separator',
  'spacer',
  'documentPreview',
] as const;

/** Component properties form-js evaluates as FEEL when they start with `=`. */
const FEEL_PROPERTIES = [
  'label',
  'description',
  'text',
  'source',
  'alt',
  'url',
  'readonly',
  'expression',
  'valuesExpression',
  'dateLabel',
  'timeLabel',
  'dataSource',
] as const;

const NUMERIC_RULES = ['min', 'max', 'minLength', 'maxLength'] as const;

type Component = Record<string, unknown>;

/** Problems of one form (its id as the procedure links it), each naming the form and the field. */
export function formSchemaProblems(formId: string, schema: unknown): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const report = (field: string | undefined, en: string, fr: string) =>
    problems.push({
      code: 'FORM_INVALID',
      message: `Form "${formId}"${field ? `, field ${field}` : ''}: ${en}`,
      messageFr: `Formulaire « ${formId} »${field ? `, champ ${field}` : ''} : ${fr}`,
      elementId: formId,
      elementType: 'form',
      ...(field ? { field } : {}),
    });
  if (!isObject(schema) || !Array.isArray(schema.components)) {
    report(
      undefined,
      'it is not a form-js form: it has no list of components. Save it again from the form editor.',
      "ce n'est pas un formulaire form-js : il n'a pas de liste de composants. Enregistrez-le de nouveau depuis l'éditeur de formulaires.",
    );
    return problems;
  }
  checkComponents(schema.components, '', report);
  return problems;
}

type Report = (field: string | undefined, en: string, fr: string) => void;

function isObject(value: unknown): value is Component {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(component: Component, prefix: string, index: number): string {
  const named = [component.key, component.path, component.id].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  const name = named ?? `#${index + 1}${typeof component.type === 'string' ? ` (${component.type})` : ''}`;
  return `"${prefix}${name}"`;
}

function checkComponents(components: unknown[], prefix: string, report: Report): void {
  components.forEach((component, index) => {
    if (!isObject(component)) {
      report(
        `"${prefix}#${index + 1}"`,
        'it is not a component object. Remove it.',
        "ce n'est pas un composant. Supprimez-le.",
      );
      return;
    }
    const field = nameOf(component, prefix, index);
    const type = component.type;
    if (typeof type !== 'string' || !(FORM_COMPONENT_TYPES as readonly string[]).includes(type)) {
      report(
        field,
        `its type ${typeof type === 'string' ? `"${type}"` : '(none)'} is not a form-js field type. Use one of ${FORM_COMPONENT_TYPES.join(', ')}.`,
        `son type ${typeof type === 'string' ? `« ${type} »` : '(aucun)'} n'est pas un type de champ form-js. Utilisez l'un de ${FORM_COMPONENT_TYPES.join(', ')}.`,
      );
      return;
    }
    if (
      (INPUT_TYPES as readonly string[]).includes(type) &&
      (typeof component.key !== 'string' || component.key === '')
    ) {
      report(
        field,
        `a ${type} field needs a key, the name its value is kept under. Set its key.`,
        `un champ ${type} a besoin d'une clé, le nom sous lequel sa valeur est gardée. Renseignez sa clé.`,
      );
    }
    for (const property of ['key', 'path'] as const) {
      if (component[property] === undefined || typeof component[property] === 'string') continue;
      report(
        field,
        `its ${property} ${JSON.stringify(component[property])} is not text. Write the name its value is kept under.`,
        `son ${property} ${JSON.stringify(component[property])} n'est pas du texte. Écrivez le nom sous lequel sa valeur est gardée.`,
      );
    }
    checkFeel(component, field, report);
    checkRules(component, field, report);
    if (type === 'group' || type === 'dynamiclist') {
      if (!Array.isArray(component.components)) {
        report(
          field,
          `the ${type} has no list of components. Add the fields it holds, or remove it.`,
          `le ${type === 'group' ? 'groupe' : 'liste dynamique'} n'a pas de liste de composants. Ajoutez les champs qu'il contient, ou supprimez-le.`,
        );
        return;
      }
      const path = typeof component.path === 'string' && component.path !== '' ? `${prefix}${component.path}.` : prefix;
      checkComponents(component.components, path, report);
    }
  });
}

function checkFeel(component: Component, field: string, report: Report): void {
  const check = (label: string, text: unknown, unary = false) => {
    if (typeof text !== 'string' || !text.startsWith('=')) return;
    const expressionError = feelSyntaxError(text);
    // hide conditions are read as unary tests by form-js; either grammar will do
    const error = unary && expressionError ? unaryTestsSyntaxError(text.slice(1)) && expressionError : expressionError;
    if (error) {
      report(
        field,
        `its ${label} ${text} is not valid FEEL: ${error}. Fix the expression.`,
        `son ${label} ${text} n'est pas du FEEL valide : ${error}. Corrigez l'expression.`,
      );
    }
  };
  for (const property of FEEL_PROPERTIES) check(property, component[property]);
  if (isObject(component.conditional)) check('hide condition', component.conditional.hide, true);
  if (isObject(component.validate)) for (const rule of NUMERIC_RULES) check(rule, component.validate[rule]);
}

function checkRules(component: Component, field: string, report: Report): void {
  const rules = component.validate;
  if (rules === undefined) return;
  if (!isObject(rules)) {
    report(
      field,
      'its validation rules are not an object. Edit them in the form editor.',
      "ses règles de validation ne sont pas un objet. Modifiez-les dans l'éditeur de formulaires.",
    );
    return;
  }
  if (rules.pattern !== undefined && rules.pattern !== '') {
    let error: string | undefined;
    if (typeof rules.pattern !== 'string') error = 'it is not text';
    else {
      try {
        new RegExp(rules.pattern);
      } catch (thrown) {
        error = thrown instanceof Error ? thrown.message : String(thrown);
      }
    }
    if (error) {
      report(
        field,
        `its pattern ${JSON.stringify(rules.pattern)} is not a regular expression (${error}). Fix the pattern.`,
        `son motif ${JSON.stringify(rules.pattern)} n'est pas une expression régulière (${error}). Corrigez le motif.`,
      );
    }
  }
  for (const rule of NUMERIC_RULES) {
    const value = rules[rule];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    if (typeof value === 'string' && (value.startsWith('=') || /^\s*-?\d+(\.\d+)?\s*$/.test(value))) continue;
    report(
      field,
      `its ${rule} ${JSON.stringify(value)} is not a number. Write a number, or a FEEL expression starting with "=".`,
      `son ${rule} ${JSON.stringify(value)} n'est pas un nombre. Écrivez un nombre, ou une expression FEEL commençant par « = ».`,
    );
  }
}
