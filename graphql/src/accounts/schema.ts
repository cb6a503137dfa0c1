import { formFields } from '@parvis/engine';
import { citizenRepository } from '../citizens/repository.ts';
import { type ApiContext, requireCitizen, type SignedInCitizen } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { procedureRepository } from '../procedures/repository.ts';
import { requestRepository } from '../requests/repository.ts';
import { checkProfile } from './check-profile.ts';
import { eraseCitizen } from './erase.ts';
import { exportCitizenData } from './my-data.ts';
import { prefillFrom } from './prefill.ts';
import { accountRepository } from './repository.ts';
import { CITIZEN_COOKIE, closeCitizenSession } from './sessions.ts';
import { requestSignInLink, signInWithLink, signInWithPassword, signUp } from './sign-in.ts';

export const accountTypeDefs = /* GraphQL */ `
  "What a citizen agreed to, when, and the exact text they were shown."
  type Consent {
    "what it is for (e.g. terms, newsletter)"
    purpose: String!
    "the exact text they agreed to"
    text: String!
    "when they agreed (ISO 8601)"
    givenAt: String!
    "when they withdrew it; null while it holds"
    withdrawnAt: String
  }

  "A consent given: its purpose and the exact text the citizen read."
  input ConsentInput {
    "what it is for"
    purpose: String!
    "the exact text the citizen read"
    text: String!
  }

  "A postal address of a citizen."
  input AddressInput {
    "a name for it (home, work)"
    label: String
    "number and street"
    street: String!
    "postal code (code postal)"
    postalCode: String!
    "town (commune)"
    city: String!
  }

  "How a citizen wants to hear from the town hall."
  input NotificationPreferencesInput {
    "by e-mail"
    email: Boolean!
    "by text message"
    sms: Boolean!
  }

  "Fields left out stay as they are."
  input ProfileInput {
    "first name (prénom)"
    firstName: String
    "last name (nom)"
    lastName: String
    "phone number"
    phone: String
    "their postal addresses, all of them"
    addresses: [AddressInput!]
    "how they want to hear from the town hall"
    notificationPreferences: NotificationPreferencesInput
  }

  extend type Query {
    "Citizens: my profile, or null when not signed in."
    myProfile: Citizen
    "Citizens: the data my profile gives a procedure's start form, by field key."
    myPrefill("the procedure's key" procedure: String!): JSON!
    "Citizens: my requests, newest first."
    myRequests: [Request!]!
    "Citizens: my consents."
    myConsents: [Consent!]!
    "Citizens: everything Parvis keeps about me, as one JSON document."
    myData: JSON!
  }

  extend type Mutation {
    "Citizens: creates an account; a link sent to the address confirms it and sets the password."
    signUp(
      "the town's id (its slug, e.g. demo)" municipality: ID!
      "the address the account is opened with" email: String!
      "the password, as typed" password: String!
      "first name (prénom)" firstName: String
      "last name (nom)" lastName: String
      "the terms the citizen agreed to, with their exact text" consent: ConsentInput!
    ): Boolean!
    "Citizens: sends a one-time sign-in link to the address."
    requestSignInLink(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the account's e-mail address"
      email: String!
    ): Boolean!
    "Citizens: opens a session from a one-time link (the token it carries)."
    signInWithLink(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the single-use token the e-mail link carries"
      token: String!
    ): Citizen!
    "Citizens: opens a session with e-mail and password (once the address is confirmed)."
    citizenSignIn(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the account's e-mail address"
      email: String!
      "the password, as typed"
      password: String!
    ): Citizen!
    "Citizens: closes this session and clears its cookie. HTTP only."
    citizenSignOut: Boolean!
    "Citizens: changes my profile; a wrong field (phone, postal code…) refuses it whole with FORM_INVALID and its fields."
    updateMyProfile("fields left out stay as they are" profile: ProfileInput!): Citizen!
    "Citizens: records their consent to a purpose, with the exact text shown to them."
    giveConsent("the purpose and the exact text agreed to" consent: ConsentInput!): Consent!
    "Citizens: erases my identity and contact details; my requests stay, anonymous, for statistics."
    deleteMyAccount: Boolean!
  }
`;

/** Runs work for the signed-in citizen, sealed to their municipality. */
const within = <T>(ctx: ApiContext, work: (tx: Db, me: SignedInCitizen) => Promise<T>) => {
  const me = requireCitizen(ctx);
  return ctx.db.within(me.municipalityId, (tx) => work(tx, me));
};

const profileOf = (ctx: ApiContext, citizen: SignedInCitizen) =>
  ctx.db.within(citizen.municipalityId, async (tx) => (await citizenRepository(tx).find(citizen.id))!);

const consentView = (c: { purpose: string; text: string; given_at: Date; withdrawn_at: Date | null }) => ({
  purpose: c.purpose,
  text: c.text,
  givenAt: c.given_at.toISOString(),
  withdrawnAt: c.withdrawn_at?.toISOString() ?? null,
});

export const accountResolvers: Resolvers = {
  Query: {
    myProfile: (_, __, ctx) => (ctx.citizen ? profileOf(ctx, ctx.citizen) : null),
    myPrefill: (_, args, ctx) =>
      within(ctx, async (tx, me) => {
        const version = await procedureRepository(tx).latestVersion(args.procedure);
        if (!version)
          throw userError('NOT_FOUND', `La démarche « ${args.procedure} » n'existe pas ici. / No such procedure.`);
        const form = version.ir.startFormId ? version.forms[version.ir.startFormId] : undefined;
        const keys = form ? formFields(form as never).map((f) => f.field) : [];
        return prefillFrom((await citizenRepository(tx).find(me.id))!, keys);
      }),
    myRequests: (_, __, ctx) => within(ctx, (tx, me) => requestRepository(tx).byCitizen(me.id)),
    myConsents: (_, __, ctx) =>
      within(ctx, async (tx, me) => (await accountRepository(tx).consents(me.id)).map(consentView)),
    myData: (_, __, ctx) =>
      within(ctx, async (tx, me) => exportCitizenData(tx, (await citizenRepository(tx).find(me.id))!)),
  },
  Mutation: {
    signUp: async (_, args, ctx) => {
      await signUp(ctx, { ...args, municipalityId: args.municipality });
      return true;
    },
    requestSignInLink: async (_, args, ctx) => {
      await requestSignInLink(ctx, args.municipality, args.email);
      return true;
    },
    signInWithLink: async (_, args, ctx) => profileOf(ctx, await signInWithLink(ctx, args.municipality, args.token)),
    citizenSignIn: async (_, args, ctx) =>
      profileOf(ctx, await signInWithPassword(ctx, args.municipality, args.email, args.password)),
    citizenSignOut: async (_, __, ctx) => {
      const me = ctx.citizen;
      const token = ctx.req.cookies?.[CITIZEN_COOKIE];
      if (me && token) await ctx.db.within(me.municipalityId, (tx) => closeCitizenSession(tx, token));
      ctx.res.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return true;
    },
    updateMyProfile: (_, args, ctx) =>
      within(ctx, async (tx, me) => {
        const { problems, clean } = checkProfile(args.profile as Parameters<typeof checkProfile>[0]);
        if (problems.length) {
          throw userError('FORM_INVALID', 'Le profil contient des erreurs. / The profile has errors.', {
            fields: problems,
          });
        }
        await accountRepository(tx).updateProfile(me.id, clean);
        return (await citizenRepository(tx).find(me.id))!;
      }),
    giveConsent: (_, args, ctx) =>
      within(ctx, async (tx, me) => {
        const accounts = accountRepository(tx);
        await accounts.recordConsent(me.municipalityId, me.id, args.consent);
        return consentView((await accounts.consents(me.id)).at(-1)!);
      }),
    deleteMyAccount: async (_, __, ctx) => {
      await within(ctx, (tx, me) => eraseCitizen(tx, me.id));
      ctx.res.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return true;
    },
  },
};
