import { auditSource, recordAudit } from '../audit/record.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import { isUuid } from '../common/uuid.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { type ApplicationRow, applicationRepository } from './api-keys.ts';

export const open311TypeDefs = /* GraphQL */ `
  "Whether an Open311 application may still post reports."
  enum Open311ApplicationStatus {
    "its api_key is accepted (active)"
    ACTIVE
    "its api_key was revoked: its posts are refused (révoquée)"
    REVOKED
  }

  "An application (a mobile or web app) the town's administrator allowed to post reports through the town's Open311 GeoReport v2 API, with an api_key of its own."
  type Open311Application {
    "The application's id."
    id: ID!
    "The application's name, as the administrator wrote it (e.g. the app's publisher)."
    name: String!
    "The first characters of its api_key, to tell keys apart; the key itself is shown only when issued."
    keyStart: String!
    "When its key was issued (ISO 8601)."
    createdAt: String!
    "When it last posted a report (ISO 8601); null if never."
    lastUsedAt: String
    "When its key was revoked (ISO 8601); null while active."
    revokedAt: String
    "Whether its key is accepted."
    status: Open311ApplicationStatus!
  }

  "A newly issued api_key, shown this once: only its hash is kept."
  type IssuedOpen311Key {
    "The application the key belongs to."
    application: Open311Application!
    "The api_key to give the application's developers; it cannot be shown again."
    apiKey: String!
  }

  extend type Query {
    "The Open311 applications of the administrator's town, active first (administrators)."
    open311Applications: [Open311Application!]!
  }

  extend type Mutation {
    "Issues an api_key for a new Open311 application of the administrator's town (administrators); the key is in the answer only."
    issueOpen311Key(
      "The application's name, unique in the town (1 to 100 characters)."
      name: String!
    ): IssuedOpen311Key!
    "Revokes an Open311 application's api_key: its posts are refused from now on (administrators)."
    revokeOpen311Key(
      "The application's id."
      id: ID!
    ): Open311Application!
  }
`;

const applicationOf = (row: ApplicationRow) => ({
  id: row.id,
  name: row.name,
  keyStart: row.key_start,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
  status: row.revoked_at ? ('REVOKED' as const) : ('ACTIVE' as const),
});

export const open311Resolvers: Resolvers = {
  Query: {
    open311Applications: (_, __, ctx) => {
      const admin = requireRole(ctx, 'administrator');
      return ctx.db.within(admin.municipalityId, async (tx) =>
        (await applicationRepository(tx).list()).map(applicationOf),
      );
    },
  },
  Mutation: {
    issueOpen311Key: (_, args, ctx) => {
      const admin = requireRole(ctx, 'administrator');
      const name = args.name.trim();
      if (!name || name.length > 100) {
        throw userError(
          'BAD_USER_INPUT',
          "Nom de l'application : 1 à 100 caractères. / Application name: 1 to 100 characters.",
          {
            field: 'name',
          },
        );
      }
      return ctx.db.within(admin.municipalityId, async (tx) => {
        const [taken] = await tx`select 1 from open311_applications where name = ${name}`;
        if (taken) {
          throw userError(
            'BAD_USER_INPUT',
            `Une application s'appelle déjà « ${name} ». / An application already has this name.`,
            {
              field: 'name',
            },
          );
        }
        const { application, apiKey } = await applicationRepository(tx).issue(admin.municipalityId, name, admin.id);
        await recordAudit(tx, {
          municipalityId: admin.municipalityId,
          ...auditSource(ctx),
          action: 'settings.georeport-key-issued',
          target: `open311Application:${application.id}`,
          details: { name },
        });
        return { application: applicationOf(application), apiKey };
      });
    },
    revokeOpen311Key: (_, args, ctx) => {
      const admin = requireRole(ctx, 'administrator');
      return ctx.db.within(admin.municipalityId, async (tx) => {
        const row = isUuid(args.id) ? await applicationRepository(tx).revoke(args.id) : undefined;
        if (!row) throw userError('NOT_FOUND', 'Application introuvable. / No such application.', { field: 'id' });
        await recordAudit(tx, {
          municipalityId: admin.municipalityId,
          ...auditSource(ctx),
          action: 'settings.georeport-key-revoked',
          target: `open311Application:${row.id}`,
          details: { name: row.name },
        });
        return applicationOf(row);
      });
    },
  },
};
