import { type ApiContext, requireAgent, type SignedInAgent } from './context.ts';
import { userError } from './errors.ts';

/** Roles of agents: what each may do. */
export type Role = 'agent' | 'manager' | 'analyst' | 'administrator' | 'dpo';

const ROLE_NAMES: Record<Role, string> = {
  agent: 'agent / agent',
  manager: 'responsable / manager',
  analyst: 'analyste / analyst',
  administrator: 'administrateur / administrator',
  dpo: 'délégué à la protection des données / data-protection officer',
};

/** Who works on requests, and so may see those the request-access rule gives them: not analysts. */
export const CASEWORKERS: Role[] = ['agent', 'manager', 'administrator'];

/** Whether the agent holds one of these roles. */
export const hasRole = (agent: SignedInAgent, ...roles: Role[]) => roles.some((role) => agent.roles.includes(role));

/** Managers and administrators see every request and task of their municipality (no narrower scope exists). */
export const seesWholeMunicipality = (agent: SignedInAgent) => hasRole(agent, 'manager', 'administrator');

/** The signed-in agent, if they hold one of these roles; else FORBIDDEN naming the roles needed. */
export function requireRole(ctx: Pick<ApiContext, 'agent'>, ...roles: Role[]): SignedInAgent {
  const agent = requireAgent(ctx);
  if (!hasRole(agent, ...roles)) {
    throw userError(
      'FORBIDDEN',
      `Réservé aux rôles : ${roles.map((r) => ROLE_NAMES[r].split(' / ')[0]).join(', ')}. / For roles: ${roles
        .map((r) => ROLE_NAMES[r].split(' / ')[1])
        .join(', ')}.`,
      { roles },
    );
  }
  return agent;
}
