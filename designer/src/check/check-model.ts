import { checkProcedure, type ModelProblem, type ProcedureFiles } from '@parvis/engine';
import { Linter } from 'bpmnlint';
import { LINT_RULES } from './lint-rules.ts';
import type { DesignerProblem } from './problem.ts';

// A linter per run: bpmnlint keeps each rule's instance, and some rules remember what they saw.
const newLinter = () =>
  new Linter({
    config: { rules: Object.fromEntries(Object.entries(LINT_RULES).map(([name, { level }]) => [name, level])) },
    resolver: {
      resolveRule: (_pkg: string, name: string) => LINT_RULES[name]?.rule,
      resolveConfig: () => undefined,
    },
  });

const fromEngine = (problem: ModelProblem, severity: DesignerProblem['severity']): DesignerProblem => ({
  source: 'engine',
  severity,
  ...problem,
});

/**
 * Everything the designer says about a model: the engine's check of the procedure — compile errors
 * and warnings, DMN decisions, settings, forms linked but missing and the forms' schemas, texts — the
 * very check publishing refuses on, then bpmnlint's advice on the parsed definitions, when given.
 */
export async function checkModel(
  xml: string,
  forms: Record<string, unknown>,
  definitions?: unknown,
  more: Pick<ProcedureFiles, 'decisions' | 'texts'> = {},
): Promise<DesignerProblem[]> {
  const checked = await checkProcedure({ bpmn: xml, forms, ...more });
  const problems: DesignerProblem[] = [
    ...(checked.ok ? [] : checked.errors.map((p) => fromEngine(p, 'error'))),
    ...checked.warnings.map((p) => fromEngine(p, 'warning')),
  ];
  if (definitions) {
    try {
      const reports = await newLinter().lint(definitions);
      for (const [rule, list] of Object.entries(reports)) {
        for (const report of list) {
          problems.push({
            source: 'lint',
            severity: report.category === 'error' ? 'error' : 'warning',
            code: rule,
            message: report.message,
            ...(LINT_RULES[rule] ? { messageFr: LINT_RULES[rule].fr } : {}),
            ...(report.id ? { elementId: report.id } : {}),
          });
        }
      }
    } catch (error) {
      problems.push({ source: 'lint', severity: 'warning', code: 'LINT_FAILED', message: String(error) });
    }
  }
  return problems;
}
