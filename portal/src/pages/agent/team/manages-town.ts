import type { SignedInAgent } from '../../../graphql/agent.ts';

/** Managers and administrators see and assign every request and task of their town (graphql/src/common/roles.ts). */
export const managesTown = (agent: SignedInAgent | null | undefined): boolean =>
  !!agent?.roles.some((role) => role === 'manager' || role === 'administrator');
