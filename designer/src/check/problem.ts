/** A problem of the model being drawn, from the engine or from bpmnlint, on the element it concerns. */
export interface DesignerProblem {
  /** `engine`: the same check and the same words as at deploy; `lint`: modelling advice (bpmnlint) */
  source: 'engine' | 'lint';
  /** errors stop publishing; warnings do not */
  severity: 'error' | 'warning';
  code: string;
  message: string;
  messageFr?: string;
  elementId?: string;
  elementName?: string;
  /** the DMN file the problem is in, when not the model */
  file?: string;
  /** a form's field (its key path), when the problem is in a form */
  field?: string;
  line?: number;
  column?: number;
}

/** The problem's words in a language (French when the engine gave them). */
export const problemText = (problem: DesignerProblem, lang: 'fr' | 'en') =>
  lang === 'fr' && problem.messageFr ? problem.messageFr : problem.message;
