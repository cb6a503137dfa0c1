// The Temporal shell around the engine: the request workflow, its activities and its worker.

export { DEFAULT_TEXTS, type ProcedureTexts } from '@parvis/engine';
export { type ActivityDependencies, createActivities } from './src/activities/index.ts';
export type { StepProjection } from './src/activities/project-step.ts';
export * from './src/messages.ts';
export { httpSmsGateway, memorySmsSink, type SmsGateway } from './src/notifications/sms-gateway.ts';
export { syncProcedureSchedules } from './src/schedules.ts';
export { type ChainVerdict, verifyTimeline } from './src/timeline/hash-chain.ts';
export { tuningInterceptor, workflowTuning } from './src/tuning.ts';
export { ensureUploadsSweepSchedule, UPLOADS_SWEEP_SCHEDULE_ID } from './src/uploads-sweep.ts';
export { createRequestWorker, WORKFLOW_TASK_POLLING, type WorkerOptions } from './src/worker.ts';
