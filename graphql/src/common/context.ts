import type { Client } from '@temporalio/client';
import type { Request, Response } from 'express';
import type { Sql } from 'postgres';
import type { MapServers } from '../municipalities/map-servers.ts';
import type { TownDirectory } from '../towns/town-page.ts';
import type { Database } from './database.ts';
import { userError } from './errors.ts';
import type { Loaders } from './loaders.ts';
import type { Mailer } from './mailer.ts';

/** The agent a session belongs to. */
export interface SignedInAgent {
  id: string;
  municipalityId: string;
  email: string;
  displayName: string;
  roles: string[];
  groups: string[];
}

/** The citizen a session belongs to. */
export interface SignedInCitizen {
  id: string;
  municipalityId: string;
  email: string;
}

export interface ApiDependencies {
  /** The owner's connection: the API wraps it so that every query runs under row-level security. */
  sql: Sql;
  temporal: Client;
  /** Public URL of the portal, for links. */
  publicUrl: string;
  /** smtp:// URL the API sends its own mail through (sign-in links); unset, mail goes to the log. */
  smtpUrl?: string;
}

/** What one GraphQL operation works with: no raw connection, only sealed transactions. */
export interface ApiContext {
  db: Database;
  temporal: Client;
  publicUrl: string;
  /** Which town a host name names, and each town's page (read through a short cache). */
  towns?: TownDirectory;
  loaders: Loaders;
  mailer: Mailer;
  /** Where refused attempts are written (probing tracking codes…). */
  log: (line: string) => void;
  agent?: SignedInAgent;
  citizen?: SignedInCitizen;
  /** The street map and address servers the portal's maps use (the same for every town). */
  maps: MapServers;
  /** Tests of other features only: administrators sign in without TOTP (ServerOptions). */
  administratorsWithoutTotp?: boolean;
  req: Request;
  res: Response;
}

export function requireAgent(context: Pick<ApiContext, 'agent'>): SignedInAgent {
  if (!context.agent) throw userError('UNAUTHENTICATED', 'Connectez-vous pour continuer. / Please sign in.');
  return context.agent;
}

export function requireCitizen(context: ApiContext): SignedInCitizen {
  if (!context.citizen) {
    throw userError(
      'UNAUTHENTICATED',
      'Connectez-vous à votre espace pour continuer. / Please sign in to your account.',
    );
  }
  return context.citizen;
}
