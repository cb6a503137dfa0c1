// A model's candidateUsers name agents by id or by e-mail, in any case. The API (inbox, live inbox,
// right to sign) and the workflow's update validator match them with this one rule.

/** An agent as candidateUsers may name them. */
export interface NamedAgent {
  id: string;
  email?: string;
}

/** The names that designate the agent in candidateUsers, in lower case. */
export function namesOf(agent: NamedAgent): string[] {
  return [agent.id, ...(agent.email ? [agent.email] : [])].map((name) => name.toLowerCase());
}

/** Whether candidateUsers name the agent. */
export function namesAgent(candidateUsers: string[], agent: NamedAgent): boolean {
  const names = namesOf(agent);
  return candidateUsers.some((candidate) => names.includes(candidate.toLowerCase()));
}
