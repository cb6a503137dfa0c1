import { compile, type ModelProblem, missingFormProblems, settingsProblems } from '@parvis/engine';
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
 * Everything the designer says about a model: the engine's compile errors and warnings, its
 * settings problems and forms linked but missing — the same checks and words as at deploy — then
 * bpmnlint's advice on the parsed definitions, when given.
 */
export async function checkModel(
  xml: string,
  forms: Record<string, unknown>,
  definitions?: unknown,
): Promise<DesignerProblem[]> {
  const problems: DesignerProblem[] = [];
  const compiled = await compile(xml);
  if (compiled.ok) {
    problems.push(
      ...settingsProblems(compiled.ir).map((p) => fromEngine(p, 'error')),
      ...missingFormProblems(compiled.ir, forms).map((p) => fromEngine(p, 'error')),
      ...compiled.warnings.map((p) => fromEngine(p, 'warning')),
    );
  } else {
    problems.push(...compiled.errors.map((p) => fromEngine(p, 'error')));
  }
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
