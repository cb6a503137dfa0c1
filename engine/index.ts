// Sandbox-safe: the public face of the engine core. Pure and deterministic — no I/O, no clock,
// no randomness, no Node built-ins, no Temporal. Runs in tests, the simulator and the workflow sandbox.

export * from './src/calendar/index.ts';
/** Compiles BPMN XML (Camunda 8 / zeebe) to the JSON IR, or returns the problems naming their elements. */
export { compile } from './src/compiler/compile.ts';
/** zeebe:properties of one element of a compiled procedure. */
export { elementProperties } from './src/compiler/element-properties.ts';
export * from './src/forms/index.ts';
/** Who a procedure is for (households, businesses, associations), checked. */
export { AUDIENCES, type Audience, readAudiences } from './src/procedure/audiences.ts';
/** Forms a procedure links but does not ship, as problems naming their element. */
export { missingFormProblems } from './src/procedure/linked-forms.ts';
/** Parvis settings of a procedure (SLA, implicit-decision regime), read from zeebe:properties. */
export {
  type ProcedureSettings,
  procedureSettings,
  readSla,
  type SilenceRegime,
  settingsProblems,
} from './src/procedure/settings.ts';
/** Thrown only when a host calls the interpreter wrongly; told apart by `code`. */
export { EngineError } from './src/runtime/engine-error.ts';
/** Read-only views of a state for hosts: the incidents an instance is stuck on. */
export { incidentsOf, type OpenIncident } from './src/runtime/inspect.ts';
/** The interpreter: `start(ir, input)` and `handle(ir, state, event)` return the next state and commands. */
export { handle, type StartInput, type StepOptions, start } from './src/runtime/interpreter.ts';
/** When the timer start events of a scheduled procedure are due, for the host that starts instances. */
export { type ScheduledStart, scheduledStarts } from './src/runtime/scheduled-starts.ts';
export type * from './src/runtime/types.ts';
/** Dry run of a procedure: answers tasks and timers (or replays given events) and records the path. */
export {
  type SimulationEvent,
  type SimulationOptions,
  type SimulationResult,
  simulate,
} from './src/simulator/simulate.ts';
/** Canonical JSON (RFC 8785): `canonicalJson` lenient for stored data, `rfc8785` strict for what is signed. */
export { CanonicalJsonError, canonicalJson, rfc8785 } from './src/util/canonical-json.ts';
/** Tracking codes: their shape, with randomness from the caller. */
export { normaliseTrackingCode, trackingCode } from './src/util/tracking-code.ts';
