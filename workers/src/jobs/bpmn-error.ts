// Sandbox-safe: how a job tells the workflow to take the model's error path.

/** ApplicationFailure type of a BPMN error thrown by a job; its first detail is `{ errorCode }`. */
export const BPMN_ERROR = 'BPMN_ERROR';
