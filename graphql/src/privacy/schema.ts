import { auditSource, recordAudit } from '../audit/record.ts';
import { pageSize } from '../common/limits.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { contactSearch, findDataSubjects } from './data-subjects.ts';
import { erasePerson } from './erase-person.ts';
import { exportPerson } from './person-export.ts';
import { processingRegister } from './register.ts';
import { retentionRepository } from './retention-settings.ts';

export const privacyTypeDefs = /* GraphQL */ `
  "What a procedure is, for retention: the town decides on its requests, or it does not."
  enum RetentionKind {
    "silence means acceptance or refusal, or a task signs the answer (permits, grants): 60 months by default"
    DECISION
    "contacts, reports, complaints: 24 months by default"
    REPORT
  }

  "How long a procedure's closed requests keep their personal data before they are anonymised."
  type ProcedureRetention {
    "the procedure's key"
    procedureKey: String!
    "the procedure's title in French"
    titleFr: String!
    "the procedure's title in English"
    titleEn: String!
    "what the procedure is, which gives its default period"
    kind: RetentionKind!
    "months by default for its kind"
    defaultMonths: Int!
    "months the town's administrator set; null when the default applies"
    townMonths: Int
    "months that apply, after the request closed"
    months: Int!
  }

  "What one nightly retention sweep anonymised in one procedure; it names no person."
  type RetentionPurge {
    "the record's number"
    id: ID!
    "when the sweep ran (ISO 8601)"
    at: String!
    "the procedure whose requests were anonymised"
    procedureKey: String!
    "how many requests"
    requests: Int!
    "what was done to them: anonymise (personal data removed, the request kept for counts)"
    policy: String!
    "the period that applied, in months"
    retentionMonths: Int!
    "where the period came from: decision or report (the kind's default), or town (the town's own)"
    source: String!
  }

  "A person the town holds data on, with or without an account, as the data-protection officer finds them."
  type DataSubject {
    "the person's record"
    id: ID!
    "first name, if known"
    firstName: String
    "last name, if known"
    lastName: String
    "e-mail address, if known"
    email: String
    "phone number, if known"
    phone: String
    "whether they have a portal account (a password, a confirmed sign-in link or FranceConnect)"
    hasAccount: Boolean!
    "how many requests are theirs"
    requestCount: Int!
    """
    how many of their requests are not closed yet (a decision in signature, say): an erasure lets them
    go on without the person's data, and their data keys are destroyed when they close
    """
    openRequestCount: Int!
    "when the town first recorded them (ISO 8601)"
    createdAt: String!
    "when they were erased (ISO 8601); null while their data is kept"
    erasedAt: String
  }

  "A category of personal data a procedure's forms ask, with the fields that ask it."
  type ProcessingDataCategory {
    "the category's key: identity, contact, location, economic, documents, freeText, request"
    key: String!
    "the category's name in the language asked"
    label: String!
    "the labels of the form fields in this category"
    fields: [String!]!
  }

  "One processing activity of the register (RGPD art. 30-1): what one procedure does with personal data."
  type ProcessingActivity {
    "the procedure's key"
    procedureKey: String!
    "the procedure's title"
    name: String!
    "why the data is processed (the procedure's description, or its privacy.purpose property)"
    purpose: String!
    "the lawful basis (art. 6-1-e unless the procedure's privacy.legalBasis property says otherwise)"
    legalBasis: String!
    "categories of data its forms ask"
    dataCategories: [ProcessingDataCategory!]!
    "who receives the data: the department in charge and the agents' groups its tasks go to"
    recipients: [String!]!
    "months the data is kept after the request closes"
    retentionMonths: Int!
    "technical and organisational security measures"
    securityMeasures: [String!]!
  }

  extend type Query {
    "Administrators and data-protection officers: each procedure's retention period."
    procedureRetentions: [ProcedureRetention!]!
    "Data-protection officers and administrators: the latest retention sweeps' records, newest first."
    retentionPurges("how many records, 50 by default (at most the API's page size)" first: Int): [RetentionPurge!]!
    "Data-protection officers: the town's people with this e-mail address or phone number (any notation)."
    dataSubjects("an e-mail address or a phone number" contact: String!): [DataSubject!]!
    "Data-protection officers: everything the town keeps about a person, as one JSON document."
    dataSubjectExport("the person's record" id: ID!): JSON!
    "Data-protection officers and administrators: the register of processing activities, one per procedure."
    processingRegister("language of the texts, French when absent" lang: Lang): [ProcessingActivity!]!
  }

  extend type Mutation {
    """
    Administrators: a procedure's retention period in months (1 to 1,200), or null for its kind's
    default. Closed requests past it are anonymised by the next nightly sweep.
    """
    setProcedureRetention(
      "the procedure's key"
      procedureKey: String!
      "months, or null"
      months: Int
    ): ProcedureRetention!
    "Data-protection officers: erase a person (right to erasure, RGPD art. 17); the erasure's refusal comes as it is."
    eraseDataSubject("the person's record" id: ID!): DataSubject!
  }
`;

const OFFICERS = ['dpo'] as const;

export const privacyResolvers: Resolvers = {
  Query: {
    procedureRetentions: (_, __, ctx) =>
      ctx.db.within(requireRole(ctx, 'administrator', 'dpo').municipalityId, (tx) => retentionRepository(tx).periods()),
    retentionPurges: (_, args, ctx) =>
      ctx.db.within(requireRole(ctx, 'dpo', 'administrator').municipalityId, async (tx) =>
        (await retentionRepository(tx).purges(pageSize(args.first, 50))).map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          procedureKey: row.procedure_key,
          requests: row.requests,
          policy: row.policy,
          retentionMonths: row.retention_months,
          source: row.retention_source,
        })),
      ),
    dataSubjects: (_, args, ctx) => {
      const officer = requireRole(ctx, ...OFFICERS);
      const search = contactSearch(args.contact);
      return ctx.db.within(officer.municipalityId, async (tx) => {
        const { subjects, linked } = await findDataSubjects(tx, officer.municipalityId, search, officer.id);
        // The address or number searched is personal data: the log keeps how, not what.
        await recordAudit(tx, {
          municipalityId: officer.municipalityId,
          ...auditSource(ctx),
          action: 'privacy.searched',
          target: subjects.length === 1 ? `citizen:${subjects[0]!.id}` : null,
          details: { by: search.by, found: subjects.length, linkedRequests: linked },
        });
        return subjects;
      });
    },
    dataSubjectExport: (_, args, ctx) => {
      const officer = requireRole(ctx, ...OFFICERS);
      return ctx.db.within(
        officer.municipalityId,
        async (tx) => (await exportPerson(tx, officer.municipalityId, auditSource(ctx), args.id, 'json')).data,
      );
    },
    processingRegister: (_, args, ctx) =>
      ctx.db.within(requireRole(ctx, 'dpo', 'administrator').municipalityId, async (tx) => {
        const lang = args.lang === 'en' ? 'en' : 'fr';
        return (await processingRegister(tx)).map((activity) => ({
          procedureKey: activity.procedureKey,
          name: activity.name[lang],
          purpose: activity.purpose[lang],
          legalBasis: activity.legalBasis[lang],
          dataCategories: activity.dataCategories.map((c) => ({
            key: c.category,
            label: c.label[lang],
            fields: c.fields,
          })),
          recipients: activity.recipients,
          retentionMonths: activity.retentionMonths,
          securityMeasures: activity.securityMeasures.map((measure) => measure[lang]),
        }));
      }),
  },
  Mutation: {
    setProcedureRetention: (_, args, ctx) => {
      const administrator = requireRole(ctx, 'administrator');
      return ctx.db.within(administrator.municipalityId, async (tx) => {
        const { before, after } = await retentionRepository(tx).set(args.procedureKey, args.months ?? null);
        await recordAudit(tx, {
          municipalityId: administrator.municipalityId,
          ...auditSource(ctx),
          action: 'privacy.retention-changed',
          target: `procedure:${args.procedureKey}`,
          details: { from: before.townMonths, to: after.townMonths, months: after.months },
        });
        return after;
      });
    },
    eraseDataSubject: (_, args, ctx) => {
      const officer = requireRole(ctx, ...OFFICERS);
      return erasePerson(ctx.db, officer.municipalityId, args.id, auditSource(ctx));
    },
  },
  ProcedureRetention: {
    kind: (r) => (r.kind === 'decision' ? 'DECISION' : 'REPORT'),
  },
  DataSubject: {
    firstName: (s) => s.first_name,
    lastName: (s) => s.last_name,
    hasAccount: (s) => s.has_account,
    requestCount: (s) => s.requests,
    openRequestCount: (s) => s.open_requests,
    createdAt: (s) => s.created_at.toISOString(),
    erasedAt: (s) => s.erased_at?.toISOString() ?? null,
  },
};
