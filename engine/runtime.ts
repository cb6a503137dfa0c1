// Sandbox-safe: the engine's runtime face, what a host needs to run compiled procedures — the
// interpreter, calendars and SLA arithmetic, settings, form validation — without the BPMN
// compiler (bpmn-moddle) or the simulator. The Temporal workflow bundles this entry only.

export * from './src/calendar/index.ts';
/** zeebe:properties of one element of a compiled procedure. */
export { elementProperties } from './src/compiler/element-properties.ts';
/** The IR version `compile` writes now (2: issue 17's run-time behaviours; version-1 IRs run as before). */
export { IR_VERSION } from './src/compiler/ir.ts';
/** A compiled DMN decision evaluated against variables (what a business rule task does in the engine). */
export { type DecisionResult, evaluateDecision } from './src/dmn/evaluate-decision.ts';
export * from './src/forms/index.ts';
/** A form-js schema checked before deployment: each problem names the form and the field. */
export { FORM_COMPONENT_TYPES, formSchemaProblems } from './src/forms/schema-problems.ts';
/** The request's rules, written once — clocks, notices, what each command means — for every host to drive. */
export { nextAlarm, type SlaStage } from './src/lifecycle/clocks.ts';
export {
  type CompletenessState,
  completenessRefusal,
  type Incompleteness,
  type Piece,
} from './src/lifecycle/completeness.ts';
export { type PendingAlarm, PendingAlarms } from './src/lifecycle/pending-alarms.ts';
export { REQUEST_CLOCK, RequestLifecycle, type RequestLifecycleInput } from './src/lifecycle/request-lifecycle.ts';
export type * from './src/lifecycle/types.ts';
/** Moving a running request to another version: the mapping in force, why a request cannot move, its state moved. */
export {
  type MappingProblem,
  type MigrationBlocker,
  migrationBlockers,
  type VersionMapping,
  versionMapping,
} from './src/lifecycle/version-migration.ts';
/** Job types Parvis runs itself, and the Temporal task queue an external worker takes any other from. */
export { externalJobQueue, isParvisJobType, PARVIS_JOB_TYPES } from './src/procedure/job-queues.ts';
/** Parvis settings of a procedure (SLA, implicit-decision regime, business-time timers), read from zeebe:properties. */
export {
  type ProcedureSettings,
  procedureSettings,
  readSla,
  type SilenceRegime,
  serviceGroup,
  settingsProblems,
  timerBusinessDelay,
} from './src/procedure/settings.ts';
/** Thrown only when a host calls the interpreter wrongly; told apart by `code`. */
export { EngineError } from './src/runtime/engine-error.ts';
/** Read-only views of a state for hosts: the incidents an instance is stuck on. */
export { activeElementsOf, incidentsOf, type OpenIncident, signalsAwaited } from './src/runtime/inspect.ts';
/** The interpreter: `start(ir, input)` and `handle(ir, state, event)` return the next state and commands. */
export { handle, type StartInput, type StepOptions, start } from './src/runtime/interpreter.ts';
/** The limits that keep a model from jamming a request (IR version 2). */
export { MAX_COLLECTION_SIZE, MAX_OPERATIONS_PER_STEP, MAX_STEPS_WITHOUT_WAIT } from './src/runtime/limits.ts';
/** What a procedure will do next, for the people who decide: documents a step leads to and their inputs now, computed values. */
export { type ComputedValue, computedValues, inputsNow, jobsAfter } from './src/runtime/look-ahead.ts';
/** When the timer start events of a scheduled procedure are due, for the host that starts instances. */
export { type ScheduledStart, scheduledStarts } from './src/runtime/scheduled-starts.ts';
export type * from './src/runtime/types.ts';
/** Who a task's candidateUsers name: an agent by id or by e-mail, in any case. */
export { type NamedAgent, namesAgent, namesOf } from './src/tasks/candidate-users.ts';
