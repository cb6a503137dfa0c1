// The GraphQL API: schema by domain over PostgreSQL and Temporal, served by Express.

export { type AgentAccount, upsertAgent, upsertMunicipality } from './src/agents/accounts.ts';
export type { ApiDependencies } from './src/common/context.ts';
export { type SmtpIntake, type SmtpIntakeOptions, startSmtpIntake } from './src/intake/smtp-intake.ts';
export { deployProcedure, ProcedureInvalidError, type ProcedureSource } from './src/procedures/deploy.ts';
export { createApiApp, createHttpServer, type ServerOptions } from './src/server.ts';
/** Re-verifies a request's signatures and timeline hash chain (the API's verifySignatures, and `parvis verify`). */
export { type VerificationReport, verifyRequest } from './src/signatures/verification.ts';
