import { verifyPassword } from '../agents/password.ts';
import { auditSource, recordAudit } from '../audit/record.ts';
import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import { sessionCookie } from '../common/session-cookie.ts';
import { admitSignIn } from '../common/sign-in-throttle.ts';
import type {
  MutationCreateTownArgs,
  MutationUpdateTownBrandingArgs,
  Resolvers,
  TownBrandingInput,
} from '../generated/resolvers.ts';
import { invitationMail, invitationUrl } from '../invitations/index.ts';
import { brandingChanges, checkBranding, readBranding, type TownBranding, writeBranding } from './branding.ts';
import { createTown, hostClaimedMeanwhile, TownRefused } from './create-town.ts';
import {
  closePlatformSession,
  openPlatformSession,
  PLATFORM_COOKIE,
  type PlatformAdministrator,
  platformAdministratorFor,
} from './platform-sessions.ts';
import { listTowns, setTownDisabled } from './platform-towns.ts';
import { TOWN_ADMIN_ROLE } from './roles.ts';
import { checkNewTown, type TownProblem } from './town-input.ts';
import { readTownPage } from './town-page.ts';

export const townTypeDefs = /* GraphQL */ `
  "A town's public face: its name, logo, colours, how to reach it, its legal pages."
  type Town {
    "the town's id (its slug)"
    id: ID!
    "its name (e.g. Mairie de Démoville)"
    name: String!
    "closed on Parvis: its portal says so and it takes no new request"
    disabled: Boolean!
    "its logo's address; null: none"
    logoUrl: String
    "#rrggbb; null: Parvis's own colours"
    primaryColor: String
    "the colour of text on primaryColor, #rrggbb; null: chosen for contrast"
    onPrimaryColor: String
    "the address citizens write to"
    contactEmail: String!
    "the phone number citizens call; null when none"
    contactPhone: String
    "the postal address of the town hall; null when none"
    contactAddress: String
    "mentions légales"
    legalNotice: String
    "déclaration d'accessibilité"
    accessibilityStatement: String
    "politique de confidentialité"
    privacyNotice: String
  }

  "A town's public face as its administrator sets it."
  input TownBrandingInput {
    "its name"
    name: String!
    "its logo's address (https)"
    logoUrl: String
    "#rrggbb"
    primaryColor: String
    "the colour of text on primaryColor, #rrggbb"
    onPrimaryColor: String
    "the address citizens write to"
    contactEmail: String!
    "the phone number citizens call"
    contactPhone: String
    "the postal address of the town hall"
    contactAddress: String
    "legal notice (mentions légales)"
    legalNotice: String
    "accessibility statement (déclaration d'accessibilité)"
    accessibilityStatement: String
    "privacy notice (politique de confidentialité)"
    privacyNotice: String
  }

  "Someone who administers the platform: creates and disables towns. Not an agent of any town."
  type PlatformAdministrator {
    "their id"
    id: ID!
    "the address they sign in with"
    email: String!
    "their name"
    displayName: String!
  }

  "A town as the platform administrator sees it."
  type PlatformTown {
    "the town's id (its slug)"
    id: ID!
    "its name"
    name: String!
    "the host names its portal answers on"
    hosts: [String!]!
    "its IANA time zone (e.g. Europe/Paris)"
    timeZone: String!
    "metropole, alsace-moselle, guadeloupe, martinique, guyane, la-reunion or mayotte"
    holidayRegion: String!
    "closed on Parvis: it takes no new request"
    disabled: Boolean!
    "when it was created (ISO 8601)"
    createdAt: String!
  }

  "A town to create on the platform, with its first administrator."
  input NewTownInput {
    "lower-case letters, digits and hyphens: the town's identifier and its path prefix /t/<slug>/"
    slug: String!
    "its name"
    name: String!
    "host names its portal answers on, without scheme nor port; the first one is used in links"
    hosts: [String!]!
    "IANA time zone, e.g. Europe/Paris"
    timeZone: String!
    "whose public holidays its deadlines skip: metropole, alsace-moselle, guadeloupe, martinique, guyane, la-reunion or mayotte"
    holidayRegion: String!
    "the address citizens write to"
    contactEmail: String!
    "the first administrator, invited by e-mail"
    adminEmail: String!
    "the first administrator's name"
    adminName: String
  }

  extend type Query {
    "Anyone: a town's public face, or null for no such town."
    town("the town's id (its slug, e.g. demo)" municipality: ID!): Town
    "The signed-in platform administrator, or null."
    platformAdministrator: PlatformAdministrator
    "Platform administrator: every town."
    platformTowns: [PlatformTown!]!
  }

  extend type Mutation {
    "The town's administrator: its branding, contact details and legal pages (colours refused under 4.5:1 contrast)."
    updateTownBranding(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the whole branding, as the form holds it"
      branding: TownBrandingInput!
    ): Town!
    "Opens a platform administrator's session in an HTTP-only cookie."
    platformSignIn(
      "the platform administrator's e-mail address"
      email: String!
      "the password, as typed"
      password: String!
    ): PlatformAdministrator!
    "Platform administrators: closes this session and clears its cookie. HTTP only."
    platformSignOut: Boolean!
    "Platform administrator: creates a town and invites its first administrator (BAD_USER_INPUT with problems: nothing created)."
    createTown("the new town" town: NewTownInput!): PlatformTown!
    "Platform administrator: closes (or reopens) a town; its data stay."
    setTownDisabled(
      "the town's id"
      slug: ID!
      "true to disable, false to enable again"
      disabled: Boolean!
    ): PlatformTown!
  }
`;

const refused = (problems: TownProblem[]) =>
  userError('BAD_USER_INPUT', problems.map((problem) => problem.message).join('\n'), {
    problems,
    field: problems[0]?.field,
  });

async function requirePlatformAdministrator(ctx: ApiContext): Promise<PlatformAdministrator> {
  const administrator = await platformAdministratorFor(ctx.db, ctx.req.cookies?.[PLATFORM_COOKIE]);
  if (!administrator) {
    throw userError(
      'UNAUTHENTICATED',
      "Connectez-vous en administrateur de la plateforme. / Sign in as the platform's administrator.",
    );
  }
  return administrator;
}

export const townResolvers: Resolvers = {
  Query: {
    town: async (_: unknown, args: { municipality: string }, ctx: ApiContext) => {
      const branding = await ctx.db.within(args.municipality, (tx) => readBranding(tx, args.municipality));
      return branding ? { id: args.municipality, ...branding } : null;
    },
    platformAdministrator: (_: unknown, __: unknown, ctx: ApiContext) =>
      platformAdministratorFor(ctx.db, ctx.req.cookies?.[PLATFORM_COOKIE]).then((found) => found ?? null),
    platformTowns: async (_: unknown, __: unknown, ctx: ApiContext) => {
      await requirePlatformAdministrator(ctx);
      return ctx.db.outside((tx) => listTowns(tx, ctx.req.cookies?.[PLATFORM_COOKIE] ?? ''));
    },
  },
  Mutation: {
    updateTownBranding: async (_: unknown, args: MutationUpdateTownBrandingArgs, ctx: ApiContext) => {
      const agent = requireRole(ctx, TOWN_ADMIN_ROLE);
      if (agent.municipalityId !== args.municipality) {
        throw userError('FORBIDDEN', "Réservé à l'administrateur de la commune. / For the town's administrator only.");
      }
      const checked = checkBranding(brandingOf(args.branding));
      if ('problems' in checked) throw refused(checked.problems);
      const saved = await ctx.db.within(args.municipality, async (tx) => {
        const before = await readBranding(tx, args.municipality);
        await writeBranding(tx, args.municipality, checked.branding);
        const changes = before ? brandingChanges(before, checked.branding) : {};
        if (Object.keys(changes).length > 0)
          await recordAudit(tx, {
            municipalityId: args.municipality,
            ...auditSource(ctx),
            action: 'settings.branding',
            target: 'settings:branding',
            details: changes,
          });
        return readBranding(tx, args.municipality);
      });
      ctx.towns?.forget(args.municipality);
      return { id: args.municipality, ...saved! };
    },
    platformSignIn: async (_: unknown, args: { email: string; password: string }, ctx: ApiContext) => {
      const email = args.email.trim().toLowerCase();
      const attempt = await admitSignIn(ctx, { municipalityId: '(platform)', kind: 'agent', email });
      const [row] = await ctx.db.outside(
        (tx) => tx<(PlatformAdministrator & { passwordHash: string })[]>`
          select id, email, display_name as "displayName", password_hash as "passwordHash"
          from platform_administrators where email = ${email}`,
      );
      if (!row || !(await verifyPassword(args.password, row.passwordHash))) {
        throw userError('UNAUTHENTICATED', 'E-mail ou mot de passe incorrect. / Wrong e-mail or password.');
      }
      await attempt.succeeded();
      const session = await openPlatformSession(ctx.db, row.id);
      ctx.res.cookie(PLATFORM_COOKIE, session.token, sessionCookie(ctx, session.expiresAt));
      return { id: row.id, email: row.email, displayName: row.displayName };
    },
    platformSignOut: async (_: unknown, __: unknown, ctx: ApiContext) => {
      const token = ctx.req.cookies?.[PLATFORM_COOKIE];
      if (token) await closePlatformSession(ctx.db, token);
      ctx.res.clearCookie(PLATFORM_COOKIE, { path: '/' });
      return true;
    },
    createTown: async (_: unknown, args: MutationCreateTownArgs, ctx: ApiContext) => {
      await requirePlatformAdministrator(ctx);
      const checked = checkNewTown({
        ...args.town,
        hosts: args.town.hosts ?? [],
        adminName: args.town.adminName ?? undefined,
      });
      if ('problems' in checked) throw refused(checked.problems);
      const town = checked.town;
      let invitationToken: string;
      try {
        ({ invitationToken } = await ctx.db.within(town.slug, (tx) => createTown(tx, town)));
      } catch (error) {
        const refusal = error instanceof TownRefused ? error : hostClaimedMeanwhile(error);
        if (refusal) throw refused(refusal.problems);
        throw error;
      }
      const page = await readTownPage(ctx.db, town.slug);
      const link = invitationUrl(ctx.towns?.urlOf(page!) ?? ctx.publicUrl, town.slug, invitationToken);
      await ctx.mailer
        .send(
          invitationMail({ email: town.admin.email, displayName: town.admin.displayName, townName: town.name }, link),
        )
        .catch((error: unknown) =>
          ctx.log(`town ${town.slug}: the first administrator's invitation was not sent (${String(error)})`),
        );
      const [created] = await ctx.db.outside((tx) =>
        listTowns(tx, ctx.req.cookies?.[PLATFORM_COOKIE] ?? '', town.slug),
      );
      return created!;
    },
    setTownDisabled: async (_: unknown, args: { slug: string; disabled: boolean }, ctx: ApiContext) => {
      await requirePlatformAdministrator(ctx);
      const changed = await ctx.db.within(args.slug, (tx) => setTownDisabled(tx, args.slug, args.disabled));
      if (!changed) throw userError('NOT_FOUND', `Commune inconnue : ${args.slug}. / Unknown town.`);
      ctx.towns?.forget(args.slug);
      const [town] = await ctx.db.outside((tx) => listTowns(tx, ctx.req.cookies?.[PLATFORM_COOKIE] ?? '', args.slug));
      return town!;
    },
  },
};

/** The schema's branding input, what it leaves out as null. */
function brandingOf(input: TownBrandingInput): TownBranding {
  return {
    name: input.name,
    contactEmail: input.contactEmail,
    logoUrl: input.logoUrl ?? null,
    primaryColor: input.primaryColor ?? null,
    onPrimaryColor: input.onPrimaryColor ?? null,
    contactPhone: input.contactPhone ?? null,
    contactAddress: input.contactAddress ?? null,
    legalNotice: input.legalNotice ?? null,
    accessibilityStatement: input.accessibilityStatement ?? null,
    privacyNotice: input.privacyNotice ?? null,
  };
}
