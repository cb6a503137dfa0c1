// Sandbox-safe: the entry the worker bundles into the workflow sandbox.
export { requestWorkflow } from './request.ts';
