/// <reference path="./dmn-moddle.d.ts" />
// Sandbox-safe: DMN 1.3 files (dmn-moddle) to the decisions a compiled procedure carries, collecting
// every problem with its file, decision, rule and column — never throwing on bad input.

import type { ModdleElement } from 'bpmn-moddle';
import { DmnModdle, type DmnModdleInstance } from 'dmn-moddle';
import { decodeXml, type XmlSource } from '../compiler/decode-xml.ts';
import { evaluateFeel, feelSyntaxError, unaryTestsSyntaxError } from '../expressions/feel.ts';
import type { Json, ModelProblem } from '../runtime/types.ts';
import {
  AGGREGATIONS,
  type Aggregation,
  columnLabel,
  type DecisionIR,
  type DecisionTableIR,
  decisionLabel,
  HIT_POLICIES,
  type HitPolicy,
  type InputIR,
  type OutputIR,
  type RuleIR,
  ruleLabel,
} from './decision-ir.ts';

/** A DMN file given to `compile`: its text or bytes, with a name (the file's) for messages. */
export type DecisionFile = XmlSource | { name: string; xml: XmlSource };

export interface ReadDecisions {
  decisions: Record<string, DecisionIR>;
  problems: ModelProblem[];
}

const DMN13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
/** DMN 1.4 and 1.5 keep 1.3's shape for tables and literal expressions: read them as 1.3. */
const NEWER = ['https://www.omg.org/spec/DMN/20211108/MODEL/', 'https://www.omg.org/spec/DMN/20230324/MODEL/'];
const OLDER = ['http://www.omg.org/spec/DMN/20151101/dmn.xsd', 'http://www.omg.org/spec/DMN/20180521/MODEL/'];

let sharedModdle: DmnModdleInstance | undefined;

/** Reads every decision of the files; problems name the file and the decision (and rule, column). */
export async function readDecisions(files: DecisionFile[]): Promise<ReadDecisions> {
  const result: ReadDecisions = { decisions: {}, problems: [] };
  const origin = new Map<string, string>();
  for (const [index, file] of files.entries()) {
    const name = typeof file === 'object' && !(file instanceof Uint8Array) ? file.name : `decisions ${index + 1}`;
    const source = typeof file === 'object' && !(file instanceof Uint8Array) ? file.xml : file;
    for (const decision of await readFile(name, source, result.problems)) {
      const first = origin.get(decision.id);
      if (first !== undefined) {
        result.problems.push(
          problem(
            decision,
            'DUPLICATE_ID',
            `it is defined in ${first} and again in ${name}. Give each decision its own id.`,
            `elle est définie dans ${first} et de nouveau dans ${name}. Donnez à chaque décision son propre identifiant.`,
          ),
        );
        continue;
      }
      origin.set(decision.id, name);
      result.decisions[decision.id] = decision;
    }
  }
  checkRequirements(result);
  return result;
}

function problem(decision: { id: string; name?: string; file?: string }, code: string, en: string, fr: string) {
  const where = decision.file ? `${decision.file}: ` : '';
  const label = decisionLabel(decision);
  return {
    code,
    message: `${where}${label}: ${en}`,
    messageFr: `${where}${label.replace(/^decision/, 'décision')} : ${fr}`,
    elementId: decision.id,
    elementType: 'decision',
    ...(decision.name ? { elementName: decision.name } : {}),
    ...(decision.file ? { file: decision.file } : {}),
  } satisfies ModelProblem;
}

function fileProblem(
  file: string,
  code: string,
  en: string,
  fr: string,
  where: { line?: number; column?: number } = {},
) {
  return { code, message: `${file}: ${en}`, messageFr: `${file} : ${fr}`, file, ...where } satisfies ModelProblem;
}

async function readFile(file: string, source: XmlSource, problems: ModelProblem[]): Promise<DecisionIR[]> {
  const decoded = decodeXml(source, file);
  if (!decoded.ok) {
    problems.push({ ...decoded.problem, file });
    return [];
  }
  let text = decoded.text;
  if (OLDER.some((namespace) => text.includes(namespace))) {
    problems.push(
      fileProblem(
        file,
        'DMN_VERSION',
        'this is DMN 1.1 or 1.2; Parvis reads DMN 1.3. Open it in Camunda Modeler and save it again (it converts to DMN 1.3).',
        "c'est du DMN 1.1 ou 1.2 ; Parvis lit le DMN 1.3. Ouvrez-le dans Camunda Modeler et enregistrez-le de nouveau (il le convertit en DMN 1.3).",
      ),
    );
    return [];
  }
  for (const namespace of NEWER) text = text.split(namespace).join(DMN13);
  sharedModdle ??= DmnModdle();
  let parsed: { rootElement: ModdleElement; warnings: { message: string }[] };
  try {
    parsed = await sharedModdle.fromXML(text, 'dmn:Definitions');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const nested = /nested error: (.*)/.exec(message)?.[1] ?? message.split('\n')[0];
    const line = /line: (\d+)/.exec(message);
    const column = /column: (\d+)/.exec(message);
    const where = {
      ...(line ? { line: Number(line[1]) + 1 } : {}),
      ...(column ? { column: Number(column[1]) + 1 } : {}),
    };
    problems.push(
      fileProblem(
        file,
        'XML_SYNTAX',
        `the DMN does not parse${where.line ? ` at line ${where.line}` : ''}: ${nested}. Fix the XML, or save it again from Camunda Modeler.`,
        `le DMN est illisible${where.line ? ` ligne ${where.line}` : ''} : ${nested}. Corrigez le XML, ou enregistrez-le de nouveau depuis Camunda Modeler.`,
        where,
      ),
    );
    return [];
  }
  if (parsed.rootElement?.$type !== 'dmn:Definitions') {
    problems.push(
      fileProblem(
        file,
        'XML_SYNTAX',
        'this is not a DMN definitions file.',
        "ce n'est pas un fichier de définitions DMN.",
      ),
    );
    return [];
  }
  for (const warning of parsed.warnings) {
    const first = warning.message.split('\n')[0] ?? warning.message;
    const line = /line: (\d+)/.exec(warning.message);
    problems.push(
      fileProblem(
        file,
        'XML_SCHEMA',
        `${first}. Fix the DMN at this spot.`,
        `${first}. Corrigez le DMN à cet endroit.`,
        line ? { line: Number(line[1]) + 1 } : {},
      ),
    );
  }
  const elements = (parsed.rootElement.drgElement as ModdleElement[] | undefined) ?? [];
  const decisions: DecisionIR[] = [];
  for (const element of elements) {
    if (element.$type !== 'dmn:Decision') continue;
    const decision = readDecision(element, file, problems);
    if (decision) decisions.push(decision);
  }
  if (decisions.length === 0 && problems.length === 0) {
    problems.push(
      fileProblem(
        file,
        'NO_DECISION',
        'the file holds no decision. Add a decision table or a literal expression, or remove the file.',
        'le fichier ne contient aucune décision. Ajoutez une table de décision ou une expression littérale, ou retirez le fichier.',
      ),
    );
  }
  return decisions;
}

function text(element: ModdleElement | undefined, property = 'text'): string {
  const value = element?.[property];
  return typeof value === 'string' ? value.trim() : '';
}

function list(element: ModdleElement | undefined, property: string): ModdleElement[] {
  return (element?.[property] as ModdleElement[] | undefined) ?? [];
}

function readDecision(element: ModdleElement, file: string, problems: ModelProblem[]): DecisionIR | undefined {
  const id = element.id ?? '';
  const name = typeof element.name === 'string' && element.name !== '' ? element.name : undefined;
  const base = { id, ...(name ? { name } : {}), file };
  const report = (code: string, en: string, fr: string) => problems.push(problem(base, code, en, fr));
  if (!id) {
    report(
      'MISSING_ID',
      'it has no id. Give every decision an id.',
      "elle n'a pas d'identifiant. Donnez-en un à chaque décision.",
    );
    return undefined;
  }
  const variable = text(element.variable as ModdleElement | undefined, 'name') || id;
  const requires = list(element, 'informationRequirement')
    .map((requirement) => (requirement.requiredDecision as { href?: string } | undefined)?.href ?? '')
    .filter((href) => href !== '')
    .map((href) => href.slice(href.indexOf('#') + 1));
  if (list(element, 'knowledgeRequirement').length > 0) {
    report(
      'UNSUPPORTED_ELEMENT',
      'it calls a business knowledge model, which Parvis does not run. Write the logic into the decision itself.',
      "elle appelle un modèle de connaissance métier (BKM), que Parvis n'exécute pas. Écrivez la logique dans la décision elle-même.",
    );
  }
  const logic = element.decisionLogic as ModdleElement | undefined;
  const common = { ...base, variable, requires };
  if (logic?.$type === 'dmn:LiteralExpression') {
    const expression = text(logic);
    checkExpression(expression, ['its expression', 'son expression'], report, true);
    return { kind: 'literal', ...common, expression };
  }
  if (logic?.$type === 'dmn:DecisionTable') return readTable(logic, common, report);
  const kind = logic ? logic.$type.replace('dmn:', '') : 'no logic';
  report(
    'UNSUPPORTED_ELEMENT',
    `it has ${logic ? `a ${kind}` : 'no decision logic'}; Parvis runs decision tables and literal expressions. Make it one of those.`,
    `elle ${logic ? `est un ${kind}` : "n'a pas de logique de décision"} ; Parvis exécute les tables de décision et les expressions littérales. Choisissez l'une des deux.`,
  );
  return undefined;
}

type Report = (code: string, en: string, fr: string) => void;

function checkExpression(expression: string, [label, labelFr]: [string, string], report: Report, required: boolean) {
  if (expression === '') {
    if (required) {
      report(
        'INVALID_EXPRESSION',
        `${label} is empty. Write a FEEL expression.`,
        `${labelFr} est vide. Écrivez une expression FEEL.`,
      );
    }
    return;
  }
  const error = feelSyntaxError(expression);
  if (error) {
    report(
      'INVALID_EXPRESSION',
      `${label} is not valid FEEL: ${error}. Fix the expression.`,
      `${labelFr} n'est pas du FEEL valide : ${error}. Corrigez l'expression.`,
    );
  }
}

function readTable(
  table: ModdleElement,
  common: Omit<DecisionTableIR, 'kind' | 'hitPolicy' | 'inputs' | 'outputs' | 'rules'>,
  report: Report,
): DecisionTableIR {
  const given = typeof table.hitPolicy === 'string' ? table.hitPolicy : 'UNIQUE';
  const hitPolicy: HitPolicy = (HIT_POLICIES as readonly string[]).includes(given) ? (given as HitPolicy) : 'UNIQUE';
  if (hitPolicy !== given) {
    report(
      'INVALID_DECISION',
      `it has the hit policy "${given}". Use one of ${HIT_POLICIES.join(', ')}.`,
      `elle a la politique de résultat « ${given} ». Utilisez l'une de ${HIT_POLICIES.join(', ')}.`,
    );
  }
  const inputs: InputIR[] = list(table, 'input').map((input, index) => {
    const column: InputIR = {
      id: input.id ?? `input${index + 1}`,
      ...(text(input, 'label') ? { label: text(input, 'label') } : {}),
      expression: text(input.inputExpression as ModdleElement | undefined),
    };
    const label = columnLabel('input', column);
    checkExpression(
      column.expression,
      [`the ${label} expression`, `l'expression de l'${label.replace('input', 'entrée')}`],
      report,
      true,
    );
    return column;
  });
  const outputs: OutputIR[] = list(table, 'output').map((output, index) => {
    const name = text(output, 'name') || text(output, 'label') || output.id || `output${index + 1}`;
    return {
      id: output.id ?? `output${index + 1}`,
      name,
      ...(text(output, 'label') ? { label: text(output, 'label') } : {}),
    };
  });
  if (outputs.length === 0) {
    report(
      'INVALID_DECISION',
      'it has no output column. Add one.',
      "elle n'a aucune colonne de sortie. Ajoutez-en une.",
    );
  }
  const aggregation = typeof table.aggregation === 'string' ? table.aggregation : undefined;
  if (aggregation !== undefined) checkAggregation(aggregation, hitPolicy, outputs.length, report);
  if (hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') {
    list(table, 'output').forEach((output, index) => {
      const priorities = readPriorities(output, outputs[index]!, report);
      if (priorities) outputs[index]!.priorities = priorities;
    });
    if (!outputs.some((output) => output.priorities)) {
      report(
        'INVALID_DECISION',
        `it has the hit policy ${hitPolicy}, which orders rules by their output values, but no output lists its values. Set the output values (e.g. "high","medium","low").`,
        `elle a la politique de résultat ${hitPolicy}, qui classe les règles par leurs valeurs de sortie, mais aucune sortie n'en donne la liste. Renseignez les valeurs de sortie (par exemple "haute","moyenne","basse").`,
      );
    }
  }
  const rules: RuleIR[] = list(table, 'rule').map((rule, index) => readRule(rule, index, inputs, outputs, report));
  return {
    kind: 'table',
    ...common,
    hitPolicy,
    ...(aggregation && (AGGREGATIONS as readonly string[]).includes(aggregation)
      ? { aggregation: aggregation as Aggregation }
      : {}),
    inputs,
    outputs,
    rules,
  };
}

function checkAggregation(aggregation: string, hitPolicy: HitPolicy, outputCount: number, report: Report) {
  if (!(AGGREGATIONS as readonly string[]).includes(aggregation)) {
    report(
      'INVALID_DECISION',
      `it has the aggregation "${aggregation}". Use one of ${AGGREGATIONS.join(', ')}.`,
      `elle a l'agrégation « ${aggregation} ». Utilisez l'une de ${AGGREGATIONS.join(', ')}.`,
    );
  } else if (hitPolicy !== 'COLLECT') {
    report(
      'INVALID_DECISION',
      `it aggregates (${aggregation}) with the hit policy ${hitPolicy}; only COLLECT aggregates. Use COLLECT or remove the aggregation.`,
      `elle agrège (${aggregation}) avec la politique ${hitPolicy} ; seule COLLECT agrège. Utilisez COLLECT ou retirez l'agrégation.`,
    );
  } else if (outputCount > 1) {
    report(
      'INVALID_DECISION',
      `it aggregates (COLLECT ${aggregation}) ${outputCount} outputs; an aggregation takes one output. Keep one output column.`,
      `elle agrège (COLLECT ${aggregation}) ${outputCount} sorties ; une agrégation n'en prend qu'une. Gardez une seule colonne de sortie.`,
    );
  }
}

/** The output values (`"high","medium","low"`) as a list, in priority order. */
function readPriorities(output: ModdleElement, column: OutputIR, report: Report): Json[] | undefined {
  const values = text(output.outputValues as ModdleElement | undefined);
  if (values === '') return undefined;
  const result = feelSyntaxError(`[${values}]`) ? undefined : evaluateFeel(`[${values}]`, {});
  if (!result?.ok || !Array.isArray(result.value)) {
    report(
      'INVALID_EXPRESSION',
      `the values of ${columnLabel('output', column)} (${values}) are not a list of FEEL values. Write them like "high","medium","low".`,
      `les valeurs de la ${columnLabel('output', column).replace('output', 'sortie')} (${values}) ne sont pas une liste de valeurs FEEL. Écrivez-les comme "haute","moyenne","basse".`,
    );
    return undefined;
  }
  return result.value;
}

function readRule(rule: ModdleElement, index: number, inputs: InputIR[], outputs: OutputIR[], report: Report): RuleIR {
  const ir: RuleIR = {
    id: rule.id ?? '',
    inputs: list(rule, 'inputEntry').map((entry) => text(entry)),
    outputs: list(rule, 'outputEntry').map((entry) => text(entry)),
  };
  const label = ruleLabel(ir, index);
  const labelFr = label.replace(/^rule/, 'règle');
  if (ir.inputs.length !== inputs.length || ir.outputs.length !== outputs.length) {
    report(
      'INVALID_DECISION',
      `${label} has ${ir.inputs.length} input and ${ir.outputs.length} output entries for ${inputs.length} inputs and ${outputs.length} outputs. Fill every column of the rule.`,
      `${labelFr} a ${ir.inputs.length} entrées et ${ir.outputs.length} sorties pour ${inputs.length} colonnes d'entrée et ${outputs.length} de sortie. Remplissez chaque colonne de la règle.`,
    );
  }
  ir.inputs.forEach((entry, column) => {
    const error = unaryTestsSyntaxError(entry);
    if (!error) return;
    const where = columnLabel('input', inputs[column] ?? { id: `input${column + 1}` });
    report(
      'INVALID_EXPRESSION',
      `${label}, ${where}: "${entry}" is not a valid FEEL unary test: ${error}. Write a test such as >= 18, "a","b" or - (anything).`,
      `${labelFr}, ${where.replace('input', 'entrée')} : « ${entry} » n'est pas un test unaire FEEL valide : ${error}. Écrivez un test comme >= 18, "a","b" ou - (tout).`,
    );
  });
  ir.outputs.forEach((entry, column) => {
    if (entry === '') return;
    const error = feelSyntaxError(entry);
    if (!error) return;
    const where = columnLabel('output', outputs[column] ?? { id: `output${column + 1}` });
    report(
      'INVALID_EXPRESSION',
      `${label}, ${where}: "${entry}" is not valid FEEL: ${error}. Fix the expression.`,
      `${labelFr}, ${where.replace('output', 'sortie')} : « ${entry} » n'est pas du FEEL valide : ${error}. Corrigez l'expression.`,
    );
  });
  return ir;
}

/** Required decisions exist and require no cycle. */
function checkRequirements(result: ReadDecisions): void {
  for (const decision of Object.values(result.decisions)) {
    for (const required of decision.requires) {
      if (result.decisions[required]) continue;
      result.problems.push(
        problem(
          decision,
          'DANGLING_REFERENCE',
          `it requires decision "${required}", which none of the DMN files defines. Add it or remove the requirement.`,
          `elle requiert la décision « ${required} », qu'aucun fichier DMN ne définit. Ajoutez-la ou retirez l'exigence.`,
        ),
      );
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      result.problems.push(
        problem(
          result.decisions[id]!,
          'DECISION_CYCLE',
          `it requires itself through ${cycle.join(' → ')}. Break the cycle.`,
          `elle se requiert elle-même par ${cycle.join(' → ')}. Cassez le cycle.`,
        ),
      );
      return;
    }
    state.set(id, 'open');
    for (const required of result.decisions[id]?.requires ?? []) {
      if (result.decisions[required]) visit(required, [...path, id]);
    }
    state.set(id, 'done');
  };
  for (const id of Object.keys(result.decisions)) visit(id, []);
}
