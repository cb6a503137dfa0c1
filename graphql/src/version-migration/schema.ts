import type { ProcessIR } from '@parvis/engine';
import type { Resolvers } from '../generated/resolvers.ts';
import { migrateRequests } from './move.ts';
import { planMigration } from './plan.ts';

// Issue 21, point 4: moving running requests to a new version of their procedure, like Camunda 8's
// process instance migration. The pure rules: engine/src/lifecycle/version-migration.ts.
export const versionMigrationTypeDefs = /* GraphQL */ `
  "One element of the old version and the element of the new version it goes to."
  input ElementMappingInput {
    "the old version's element id"
    from: String!
    "the new version's element id (of the same type)"
    to: String!
  }

  "One pair of the mapping in force."
  type ElementMapping {
    "the old version's element id"
    from: String!
    "its name in the old version, when it has one"
    fromName: String
    "the new version's element id"
    to: String!
    "its name in the new version, when it has one"
    toName: String
    "the BPMN type both have (e.g. userTask)"
    type: String!
    "true when the analyst gave the pair; false when the same id maps by default"
    given: Boolean!
  }

  "An element of a version, named for a person."
  type MigrationElement {
    "the element id"
    elementId: String!
    "its name, when it has one"
    name: String
    "its BPMN type (e.g. userTask)"
    type: String!
  }

  "Why a request cannot move to the new version."
  enum MigrationBlockerCode {
    "the request has ended"
    NOT_ACTIVE
    "it stands or waits at an element the mapping sends nowhere"
    NO_MAPPING
    "it is inside an active multi-instance activity"
    ACTIVE_MULTI_INSTANCE
    "the element it is at goes to another sub-process, or a boundary event to another activity"
    SCOPE_CHANGED
    "branches wait at a parallel or inclusive join"
    TOKENS_AT_JOIN
    "a service task is running"
    JOB_RUNNING
    "a called procedure is running"
    CALL_RUNNING
    "the event it waits on waits for another message in the new version"
    MESSAGE_CHANGED
    "an open incident would retry on a path the new version lacks"
    INCIDENT_NOT_MOVABLE
    "its workflow did not answer"
    UNAVAILABLE
  }

  "One reason a request cannot move, at one element."
  type MigrationBlocker {
    "what keeps it"
    code: MigrationBlockerCode!
    "the old version's element it concerns (empty when none)"
    elementId: String!
    "the reason in words, French then English"
    message: String!
  }

  "One running request in a dry run."
  type RequestMigrationCheck {
    "the request's tracking code"
    trackingCode: String!
    "the old version's elements it stands on now"
    activeElements: [String!]!
    "true when nothing keeps it from moving"
    canMove: Boolean!
    "what keeps it from moving (empty when it can)"
    blockers: [MigrationBlocker!]!
  }

  "A dry run of a migration: nothing changed."
  type VersionMigrationPlan {
    "the procedure's key"
    procedureKey: String!
    "the version the requests are on"
    fromVersion: Int!
    "the version they would move to"
    toVersion: Int!
    "the mapping in force: same ids of the same type, then the analyst's pairs"
    mapping: [ElementMapping!]!
    "the old version's elements it sends nowhere: a request there cannot move"
    unmapped: [MigrationElement!]!
    "the new version's elements nothing maps to (a request reaches them by its flows)"
    newElements: [MigrationElement!]!
    "the running requests of the old version, the oldest 500"
    requests: [RequestMigrationCheck!]!
    "how many requests run on the old version in all"
    total: Int!
    "how many of those listed can move"
    movable: Int!
  }

  "What a move did to one request."
  enum MigrationOutcome {
    "it runs on the new version now"
    MOVED
    "nothing was done: already on the new version, on another version, closed or unknown (see message)"
    SKIPPED
    "it cannot move: see blockers"
    BLOCKED
  }

  "One request of a move."
  type RequestMigrationOutcome {
    "the request's tracking code"
    trackingCode: String!
    "moved, skipped or blocked"
    outcome: MigrationOutcome!
    "why it was skipped or blocked, French then English; null when moved"
    message: String
    "what keeps it from moving, when blocked"
    blockers: [MigrationBlocker!]!
  }

  extend type Query {
    "Analysts: a dry run of moving the running requests of one version of a procedure to another — the mapping in force and, request by request, whether it can move and why not. Nothing changes. A mapping to an element of another type (or an unknown one) is refused: BAD_USER_INPUT, extensions.problems naming each pair."
    versionMigrationPlan(
      "the procedure's key"
      procedureKey: String!
      "the version the requests are on"
      fromVersion: Int!
      "the version to move them to"
      toVersion: Int!
      "pairs for elements whose id changed; the same ids map without them"
      mapping: [ElementMappingInput!]
    ): VersionMigrationPlan!
  }

  extend type Mutation {
    "Analysts: moves running requests of one version to another, one after the other (timers and waits keep their dates); each move is on the request's timeline and in the audit log. A request already on the new version is skipped and said so: running it again is safe. The mapping is checked as for the dry run."
    migrateRequests(
      "the procedure's key"
      procedureKey: String!
      "the version the requests are on"
      fromVersion: Int!
      "the version to move them to"
      toVersion: Int!
      "pairs for elements whose id changed; the same ids map without them"
      mapping: [ElementMappingInput!]
      "the requests to move (1 to 500); every running request of the old version (the oldest 500) when left out"
      trackingCodes: [String!]
    ): [RequestMigrationOutcome!]!
  }
`;

/** The compiled elements of a version, by id (the IR's layout belongs to the engine: only names and types here). */
const elementsOf = (ir: ProcessIR) => (ir.elements ?? {}) as Record<string, { name?: string; type: string }>;

const element = (ir: ProcessIR, elementId: string) => {
  const found = elementsOf(ir)[elementId];
  return { elementId, name: found?.name ?? null, type: found?.type ?? '' };
};

export const versionMigrationResolvers: Resolvers = {
  Query: {
    versionMigrationPlan: async (_, args, ctx) => {
      const { ground, requests, total } = await planMigration(ctx, args);
      const { from, to, mapping, given } = ground;
      const targets = new Set(Object.values(mapping));
      return {
        procedureKey: args.procedureKey,
        fromVersion: from.version,
        toVersion: to.version,
        mapping: Object.entries(mapping).map(([source, target]) => ({
          from: source,
          fromName: element(from.ir, source).name,
          to: target,
          toName: element(to.ir, target).name,
          type: element(from.ir, source).type,
          given: given.has(source),
        })),
        unmapped: Object.keys(elementsOf(from.ir))
          .filter((id) => !mapping[id])
          .map((id) => element(from.ir, id)),
        newElements: Object.keys(elementsOf(to.ir))
          .filter((id) => !targets.has(id))
          .map((id) => element(to.ir, id)),
        requests: requests.map((r) => ({ ...r, canMove: r.blockers.length === 0 })),
        total,
        movable: requests.filter((r) => r.blockers.length === 0).length,
      };
    },
  },
  Mutation: {
    migrateRequests: (_, args, ctx) => migrateRequests(ctx, args),
  },
};
