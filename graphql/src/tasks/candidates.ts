import type { Db } from '../common/database.ts';

// A model's candidateUsers name agents by id or by e-mail, in any case (agents' e-mails are kept in
// lower case). The inbox, the live inbox and the right to sign match them this way here; the
// workflow's update validator (workers/src/workflows/validators.ts) does the same.

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

/** The same test in SQL, on a task's candidate_users column, for any of `names` (from namesOf). */
export function namedIn(db: Db, column: 'candidate_users' | 't.candidate_users', names: string[]) {
  return db`exists (select from unnest(${db(column)}) candidate where lower(candidate) = any(${names}::text[]))`;
}
