// Sandbox-safe: business rule tasks that call a DMN decision (zeebe:calledDecision) call one that
// was given with the model, and say where its result goes.

import type { DecisionIR } from '../dmn/decision-ir.ts';
import { feelSyntaxError, isExpression } from '../expressions/feel.ts';
import type { ModelProblem } from '../runtime/types.ts';
import type { ElementIR } from './ir.ts';
import { problemFor } from './problems.ts';

/** Problems of the decisions business rule tasks call, each naming the task and the decision id. */
export function calledDecisionProblems(
  elements: Record<string, ElementIR>,
  decisions: Record<string, DecisionIR>,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const known = Object.keys(decisions);
  for (const element of Object.values(elements)) {
    const called = element.decision;
    if (!called) continue;
    const report = (code: string, en: string, fr: string) => problems.push(problemFor(element, code, en, fr));
    if (!called.resultVariable) {
      report(
        'INVALID_DECISION',
        'it names no result variable (zeebe:calledDecision resultVariable). Name the variable the decision result goes to.',
        'elle ne nomme aucune variable de résultat (zeebe:calledDecision resultVariable). Nommez la variable qui reçoit le résultat de la décision.',
      );
    }
    if (!called.decisionId) {
      report(
        'DECISION_MISSING',
        'it names no decision (zeebe:calledDecision decisionId). Set the id of a DMN decision deployed with the procedure.',
        "elle ne désigne aucune décision (zeebe:calledDecision decisionId). Renseignez l'identifiant d'une décision DMN déployée avec la démarche.",
      );
      continue;
    }
    if (isExpression(called.decisionId)) {
      const error = feelSyntaxError(called.decisionId);
      if (error) {
        report(
          'INVALID_EXPRESSION',
          `the decision id ${called.decisionId} is not valid FEEL: ${error}. Fix the expression.`,
          `l'identifiant de décision ${called.decisionId} n'est pas du FEEL valide : ${error}. Corrigez l'expression.`,
        );
      }
      continue;
    }
    if (!decisions[called.decisionId]) {
      const offered = known.length > 0 ? ` The DMN files define ${known.join(', ')}.` : ' No DMN file was given.';
      const offeredFr =
        known.length > 0 ? ` Les fichiers DMN définissent ${known.join(', ')}.` : " Aucun fichier DMN n'a été fourni.";
      report(
        'DECISION_MISSING',
        `it calls decision "${called.decisionId}", which no DMN file deployed with the procedure defines.${offered} Add the .dmn file beside the model, or fix the id.`,
        `elle appelle la décision « ${called.decisionId} », qu'aucun fichier DMN déployé avec la démarche ne définit.${offeredFr} Ajoutez le fichier .dmn à côté du modèle, ou corrigez l'identifiant.`,
      );
    }
  }
  return problems;
}
