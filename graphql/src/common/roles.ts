import { type ApiContext, requireAgent, type SignedInAgent } from './context.ts';
import { userError } from './errors.ts';

/** Roles of agents: what each may do. */
export type Role = 'agent' | 'manager' | 'analyst' | 'administrator';

const ROLE_NAMES: Record<Role, string> = {
  agent: 'agent / agent',
  manager: 'responsable / manager',
  analyst: 'analyste / analyst',
  administrator: 'administrateur / administrator',
};

/** The signed-in agent, if they hold one of these roles; else FORBIDDEN naming the roles needed. */
export function requireRole(ctx: Pick<ApiContext, 'agent'>, ...roles: Role[]): SignedInAgent {
  const agent = requireAgent(ctx);
  if (!roles.some((role) => agent.roles.includes(role))) {
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
