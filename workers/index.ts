// The Temporal shell around the engine: the request workflow, its activities and its worker.

export { DEFAULT_TEXTS, type ProcedureTexts } from '@parvis/engine';
export { type ActivityDependencies, createActivities } from './src/activities/index.ts';
export type { StepProjection } from './src/activities/project-step.ts';
export type { RetentionPurge } from './src/activities/retention.ts';
export { EncryptionCodec } from './src/data-keys/codec.ts';
export { type KeySource, unwrapDataKey } from './src/data-keys/data-keys.ts';
export {
  MASTER_KEY_SETTING,
  type MasterKeys,
  masterKeysFrom,
} from './src/data-keys/master-keys.ts';
export { openPayloadEncryption, type PayloadEncryption } from './src/data-keys/payload-encryption.ts';
export { serveWorkerMetrics, type WorkerMetricsOptions } from './src/health/metrics-server.ts';
export * from './src/messages.ts';
export { ensureNamespace } from './src/namespace-registration.ts';
export { httpSmsGateway, memorySmsSink, type SmsGateway } from './src/notifications/sms-gateway.ts';
export { ensureRetentionSchedule, RETENTION_SCHEDULE_ID } from './src/retention-schedule.ts';
export { syncProcedureSchedules } from './src/schedules.ts';
export { devServerSearchAttributeArgs, ensureSearchAttributes } from './src/search-attributes-registration.ts';
export { type ChainVerdict, verifyTimeline } from './src/timeline/hash-chain.ts';
export { tuningInterceptor, workflowTuning } from './src/tuning.ts';
export { ensureUploadsSweepSchedule, UPLOADS_SWEEP_SCHEDULE_ID } from './src/uploads-sweep.ts';
export { buildWorkflowBundle, createRequestWorker, WORKFLOW_TASK_POLLING, type WorkerOptions } from './src/worker.ts';
export { SEARCH_ATTRIBUTES } from './src/workflows/search-attributes.ts';
