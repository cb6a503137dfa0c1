// Sandbox-safe: the entry the worker bundles into the workflow sandbox.
export { appointmentReminderWorkflow } from './appointment-reminder.ts';
export { paymentExpiryWorkflow, settlePaymentWorkflow } from './payment.ts';
export { procedureScheduleWorkflow } from './procedure-schedule.ts';
export { publishMessageWorkflow } from './publish-message.ts';
export { requestWorkflow } from './request.ts';
export { retentionSweepWorkflow } from './retention-sweep.ts';
export { unattachedUploadsSweepWorkflow } from './uploads-sweep.ts';
