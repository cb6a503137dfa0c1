/// <reference path="./src/types.d.ts" />
// The designer: modelling components the portal's analyst area mounts (bpmn-js, form-js), and the
// checks and dry run they share with the engine. Runs in a browser; the checks also run in Node.

/** Everything the designer says about a model: the engine's checks (same words as deploy) and bpmnlint's. */
export { checkModel } from './src/check/check-model.ts';
export { type DesignerProblem, problemText } from './src/check/problem.ts';
/** Two read-only diagrams side by side with the changes marked. */
export { createDiffViewers } from './src/diff/create-diff-viewers.ts';
/** What changed in the forms between two versions: forms added, removed, and their fields. */
export { diffForms, type FieldChange, type FormsDiff } from './src/diff/diff-forms.ts';
/** What changed between two versions (bpmn-js-differ). */
export { diffVersions, type VersionChange } from './src/diff/diff-versions.ts';
/** A dry run stepped by the analyst: the engine in the browser, its path, tasks and notifications. */
export { type DryRunNotification, DryRunSession, type OpenWork } from './src/dry-run/dry-run-session.ts';
export { CHANNELS, NOTIFICATION_EVENTS } from './src/features/parvis-properties/settings.ts';
export { readProperties, writeProperties } from './src/features/parvis-properties/zeebe-properties.ts';
export { PARVIS_TEMPLATES } from './src/features/parvis-templates/templates.ts';
/** Forms the diagram links, a blank form for a new step, and linking one to a step. */
export { blankForm, formIdOf, type LinkedForm, linkedForms, linkForm } from './src/forms/form-links.ts';
/** The BPMN of a new procedure: a start event with its form, a task, an end event. */
export { newProcedureXml } from './src/modeler/new-procedure.ts';
/** Notification texts ⇄ the process's zeebe:properties. */
export { type ProcedureTexts, propertiesFromTexts, textsFromProperties } from './src/texts/texts-properties.ts';

/** The bpmn-js Modeler with the Parvis modules (loaded lazily: bpmn-js is heavy). */
export const loadModeler = () => import('./src/modeler/create-modeler.ts');
/** The form-js editor (loaded lazily). */
export const loadFormEditor = () => import('./src/forms/create-form-editor.ts');
/** The dmn-js decision editor (loaded lazily: only the analyst's designer needs it). */
export const loadDecisionEditor = () => import('./src/decisions/create-decision-editor.ts');
/** The engine's compiler, for the dry run (the portal reaches the engine through the designer). */
export { compile as compileProcedure, type Variables } from '@parvis/engine';
/** A new DMN file with one decision table, and the decision id a name gives. */
export { blankDecision, decisionIdOf } from './src/decisions/blank-decision.ts';
export type { DecisionEditor, DecisionView } from './src/decisions/create-decision-editor.ts';
