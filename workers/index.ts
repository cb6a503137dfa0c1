// The Temporal shell around the engine: the request workflow, its activities and its worker.

export { type ActivityDependencies, createActivities } from './src/activities/index.ts';
export type { StepProjection } from './src/activities/project-step.ts';
export * from './src/messages.ts';
export { type ChainVerdict, verifyTimeline } from './src/timeline/hash-chain.ts';
export { createRequestWorker, type WorkerOptions } from './src/worker.ts';
