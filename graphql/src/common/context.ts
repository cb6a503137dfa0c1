import type { Client } from '@temporalio/client';
import type { Request, Response } from 'express';
import type { Sql } from 'postgres';
import type { Database } from './database.ts';
import { userError } from './errors.ts';
import type { Loaders } from './loaders.ts';

/** The agent a session belongs to. */
export interface SignedInAgent {
  id: string;
  municipalityId: string;
  email: string;
  displayName: string;
  roles: string[];
  groups: string[];
}

export interface ApiDependencies {
  /** The owner's connection: the API wraps it so that every query runs under row-level security. */
  sql: Sql;
  temporal: Client;
  /** Public URL of the portal, for links. */
  publicUrl: string;
}

/** What one GraphQL operation works with: no raw connection, only sealed transactions. */
export interface ApiContext {
  db: Database;
  temporal: Client;
  publicUrl: string;
  loaders: Loaders;
  agent?: SignedInAgent;
  req: Request;
  res: Response;
}

export function requireAgent(context: ApiContext): SignedInAgent {
  if (!context.agent) throw userError('UNAUTHENTICATED', 'Connectez-vous pour continuer. / Please sign in.');
  return context.agent;
}
