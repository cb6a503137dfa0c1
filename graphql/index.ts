// The GraphQL API: schema by domain over PostgreSQL and Temporal, served by Express.

export { type AgentAccount, upsertAgent, upsertMunicipality } from './src/agents/accounts.ts';
export type { ApiDependencies } from './src/common/context.ts';
export { createMailer, type Mailer } from './src/common/mailer.ts';
export { type SmtpIntake, type SmtpIntakeOptions, startSmtpIntake } from './src/intake/smtp-intake.ts';
/** Invitations: a first sign-in link that makes someone an agent of a town. */
export { createInvitation, INVITATION_DAYS, invitationMail, invitationUrl } from './src/invitations/index.ts';
export { GEOPLATEFORME, type MapServers, mapServersFromEnv } from './src/municipalities/map-servers.ts';
/** Agents' presence (patterns minus absences, closures, holidays): who is there from one instant to another. */
export { isPresent, type PresenceSpan, presentAgents } from './src/planning/presence.ts';
export { deployProcedure, ProcedureInvalidError, type ProcedureSource } from './src/procedures/deploy.ts';
export { createApiApp, createHttpServer, type ServerOptions } from './src/server.ts';
/** Re-verifies a request's signatures and timeline hash chain (the API's verifySignatures, and `parvis verify`). */
export { type VerificationReport, verifyRequest } from './src/signatures/verification.ts';
/** Towns and the platform's administration (the `parvis town` command). */
export * from './src/towns/index.ts';
