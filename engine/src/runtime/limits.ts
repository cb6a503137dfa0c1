// Sandbox-safe: the limits that keep a careless or hostile model from jamming a request. They
// apply to procedures compiled as IR version 2 (see IR_VERSION); docs/bpmn-coverage.md states them.

/**
 * A token may pass through this many elements in one step (one `start` or `handle` call) without
 * waiting — for a task, a job, a timer, a message… (a completed sub-process counts as one element on
 * the path around it; each multi-instance item counts from its body). A loop that goes further raises
 * a `STEP_LIMIT` incident at the element it would enter next; resolving it lets the token go on for as
 * many again. 2,000: a loop through a script task reaches it in about 0.3 s of one core; at 10,000 a
 * loaded machine took more than the 5 s a workflow activation may run, and the request's first
 * workflow task failed before the incident could be recorded.
 */
export const MAX_STEPS_WITHOUT_WAIT = 2_000;

/**
 * Operations one step may execute in all, whatever the tokens: beyond, tokens multiply without ever
 * waiting (a parallel fork inside a loop) and the process fails with `STEP_LIMIT`, rather than
 * growing until the host runs out of memory.
 */
export const MAX_OPERATIONS_PER_STEP = 100_000;

/** Items a multi-instance activity runs at most; a longer input collection raises `COLLECTION_TOO_LARGE`. */
export const MAX_COLLECTION_SIZE = 1_000;
