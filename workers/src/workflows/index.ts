// Sandbox-safe: the entry the worker bundles into the workflow sandbox.
export { procedureScheduleWorkflow } from './procedure-schedule.ts';
export { requestWorkflow } from './request.ts';
export { unattachedUploadsSweepWorkflow } from './uploads-sweep.ts';
