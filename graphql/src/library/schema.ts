import { auditSource, recordAudit } from '../audit/record.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { organisationRepository } from '../organisation/repository.ts';
import { type Installed, installProcedure, upgradeProcedure } from './install.ts';
import { type CatalogueRow, libraryRepository } from './repository.ts';

export const libraryTypeDefs = /* GraphQL */ `
  "A procedure of the library shipped with Parvis, as a town's administrator sees it."
  type LibraryProcedure {
    "the procedure's key"
    key: String!
    "its title in French"
    titleFr: String!
    "its title in English"
    titleEn: String!
    "the library's latest version"
    latestVersion: Int!
    "the library version the town installed last; null when it did not install it"
    installedVersion: Int
    "the town's latest version of this procedure (it may have adapted and published it since)"
    townVersion: Int
    "the town's version the installed library version became"
    installedTownVersion: Int
    "the town has a procedure with this key that does not come from the library"
    townOwn: Boolean!
    "installed, and the library has a newer version"
    upgradeAvailable: Boolean!
    "the groups its tasks go to"
    groups: [String!]!
    "those groups the town has not declared yet"
    missingGroups: [String!]!
  }

  "What a part of the town's adaptation became in an upgrade."
  type LibraryAdaptation {
    "model, form:<id> or text:<event>.<language>"
    part: String!
    "carried into the new version; false: replaced by the library's, compare the versions to redo it"
    kept: Boolean!
  }

  "What installing or upgrading a library procedure did."
  type LibraryInstallation {
    "the procedure's key"
    procedureKey: String!
    "the library's version now installed"
    libraryVersion: Int!
    "the town's version it became"
    townVersion: Int!
    "the town's version before an upgrade"
    previousTownVersion: Int
    "what became of each part of the town's adaptation"
    adaptations: [LibraryAdaptation!]!
  }

  extend type Query {
    "Administrators: the procedure library, with what the town installed of it."
    procedureLibrary: [LibraryProcedure!]!
  }

  extend type Mutation {
    "Administrators: installs a library procedure as the town's own (not in the citizens' catalogue until published)."
    installLibraryProcedure("the library procedure's key" key: String!): LibraryInstallation!
    "Administrators: a new town version from the library's newer one, keeping the town's adaptations where it can."
    upgradeLibraryProcedure("the library procedure's key" key: String!): LibraryInstallation!
  }
`;

export interface CatalogueEntry extends CatalogueRow {
  known_groups: Set<string>;
}

const installation = (i: Installed) => ({
  procedureKey: i.key,
  libraryVersion: i.libraryVersion,
  townVersion: i.townVersion,
  previousTownVersion: i.previousTownVersion,
  adaptations: i.adaptations,
});

export const libraryResolvers: Resolvers = {
  Query: {
    procedureLibrary: (_, __, ctx) => {
      const admin = requireRole(ctx, 'administrator');
      return ctx.db.within(admin.municipalityId, async (tx) => {
        const rows = await libraryRepository(tx).catalogue();
        const known = await organisationRepository(tx).knownGroups();
        return rows.map((row): CatalogueEntry => ({ ...row, known_groups: known }));
      });
    },
  },
  Mutation: {
    installLibraryProcedure: (_, args, ctx) => {
      const admin = requireRole(ctx, 'administrator');
      return ctx.db.within(admin.municipalityId, async (tx) => {
        const installed = await installProcedure(tx, admin.municipalityId, args.key, admin.email);
        await recordAudit(tx, {
          municipalityId: admin.municipalityId,
          ...auditSource(ctx),
          action: 'procedures.installed',
          target: `procedure:${args.key}`,
          details: { libraryVersion: installed.libraryVersion, townVersion: installed.townVersion },
        });
        return installation(installed);
      });
    },
    upgradeLibraryProcedure: (_, args, ctx) => {
      const admin = requireRole(ctx, 'administrator');
      return ctx.db.within(admin.municipalityId, async (tx) => {
        const upgraded = await upgradeProcedure(tx, admin.municipalityId, args.key, admin.email);
        await recordAudit(tx, {
          municipalityId: admin.municipalityId,
          ...auditSource(ctx),
          action: 'procedures.upgraded',
          target: `procedure:${args.key}`,
          details: {
            libraryVersion: upgraded.libraryVersion,
            townVersion: upgraded.townVersion,
            previousTownVersion: upgraded.previousTownVersion,
            adaptations: upgraded.adaptations,
          },
        });
        return installation(upgraded);
      });
    },
  },
  LibraryProcedure: {
    titleFr: (p) => p.title_fr,
    titleEn: (p) => p.title_en,
    latestVersion: (p) => p.latest_version,
    installedVersion: (p) => p.installed_version,
    townVersion: (p) => p.town_version,
    installedTownVersion: (p) => p.installed_town_version,
    townOwn: (p) => p.installed_version === null && p.town_version !== null,
    upgradeAvailable: (p) => p.installed_version !== null && p.installed_version < p.latest_version,
    missingGroups: (p) => p.groups.filter((g) => !p.known_groups.has(g)),
  },
};
