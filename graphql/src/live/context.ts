import type { SignedInAgent, SignedInCitizen } from '../common/context.ts';
import type { Database } from '../common/database.ts';
import type { ChangeHub } from './hub.ts';

/** What one subscription works with: the socket's sessions, sealed transactions and the change hub. */
export interface LiveContext {
  db: Database;
  hub: ChangeHub;
  log: (line: string) => void;
  /** the client's address, for the log of refused attempts */
  req: { ip?: string };
  agent?: SignedInAgent;
  citizen?: SignedInCitizen;
  /** Whether the socket's sessions are still open (not signed out, not expired); if not, the socket closes. */
  sessionsStillOpen: () => Promise<boolean>;
}
