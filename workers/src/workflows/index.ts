// Sandbox-safe: the entry the worker bundles into the workflow sandbox.
export { procedureScheduleWorkflow } from './procedure-schedule.ts';
export { publishMessageWorkflow } from './publish-message.ts';
export { requestWorkflow } from './request.ts';
export { unattachedUploadsSweepWorkflow } from './uploads-sweep.ts';
