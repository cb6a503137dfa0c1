import type { Client } from '@temporalio/client';
import type { Request, Response } from 'express';
import type { Sql } from 'postgres';
import { userError } from './errors.ts';

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
  sql: Sql;
  temporal: Client;
  /** Public URL of the portal, for links. */
  publicUrl: string;
}

export interface ApiContext extends ApiDependencies {
  agent?: SignedInAgent;
  req: Request;
  res: Response;
}

export function requireAgent(context: ApiContext): SignedInAgent {
  if (!context.agent) throw userError('UNAUTHENTICATED', 'Connectez-vous pour continuer. / Please sign in.');
  return context.agent;
}
