// GraphQL documents of the analyst area, with the shape of what they return.

import type { Operation } from '../../composables/useGraphql.ts';
import type { Audience } from '../../graphql/citizen.ts';
import type {
  DeployMutation,
  DeployMutationVariables,
  DesignerProcedureQuery,
  DesignerProcedureQueryVariables,
  DesignerProceduresQuery,
  DesignerProceduresQueryVariables,
  MigrateRequestsMutation,
  MigrateRequestsMutationVariables,
  MigrationPlanQuery,
  MigrationPlanQueryVariables,
  UpdateMetadataMutation,
  UpdateMetadataMutationVariables,
  VersionSourceQuery,
  VersionSourceQueryVariables,
} from '../../graphql/generated/operations.ts';

export interface VersionInfo {
  version: number;
  deployedAt: string;
  deployedBy: string;
  deployedByName: string | null;
  requestCount: number;
}

export interface DesignerProcedure {
  key: string;
  titleFr: string;
  titleEn: string;
  descriptionFr: string;
  descriptionEn: string;
  audience: Audience[];
  department: string | null;
  published: boolean;
  latestVersion: number | null;
  versions: VersionInfo[];
}

const PROCEDURE_FIELDS = /* GraphQL */ `
  fragment DesignerProcedureFields on DesignerProcedure {
    key titleFr titleEn descriptionFr descriptionEn audience department published latestVersion
  }`;

export const PROCEDURES: Operation<DesignerProceduresQuery, DesignerProceduresQueryVariables> =
  /* GraphQL */ `query DesignerProcedures { designerProcedures { ...DesignerProcedureFields versions { version } } }
  ${PROCEDURE_FIELDS}`;

export const PROCEDURE: Operation<DesignerProcedureQuery, DesignerProcedureQueryVariables> = /* GraphQL */ `
  query DesignerProcedure($key: String!) {
    designerProcedure(key: $key) {
      ...DesignerProcedureFields
      versions { version deployedAt deployedBy deployedByName requestCount }
    }
  }
  ${PROCEDURE_FIELDS}`;

export interface VersionSource {
  version: number;
  bpmn: string;
  /** the DMN files deployed with the version */
  decisions: { name: string; xml: string }[];
  forms: Record<string, Record<string, unknown>>;
  texts: Record<string, unknown>;
}

export const VERSION_SOURCE: Operation<VersionSourceQuery, VersionSourceQueryVariables> = /* GraphQL */ `
  query VersionSource($key: String!, $version: Int) {
    procedureVersionSource(key: $key, version: $version) { version bpmn decisions { name xml } forms texts }
  }`;

export const UPDATE_METADATA: Operation<UpdateMetadataMutation, UpdateMetadataMutationVariables> = /* GraphQL */ `
  mutation UpdateMetadata($key: String!, $metadata: ProcedureMetadataInput!) {
    updateProcedureMetadata(key: $key, metadata: $metadata) { ...DesignerProcedureFields }
  }
  ${PROCEDURE_FIELDS}`;

export const DEPLOY: Operation<DeployMutation, DeployMutationVariables> = /* GraphQL */ `
  mutation Deploy($input: DeployProcedureInput!) {
    deployProcedure(input: $input) { procedureKey version created }
  }`;

/** A migration's dry run and the move itself (issue 21, point 4). */
export type MigrationPlan = MigrationPlanQuery['versionMigrationPlan'];
export type MigrationOutcome = MigrateRequestsMutation['migrateRequests'][number];

export const MIGRATION_PLAN: Operation<MigrationPlanQuery, MigrationPlanQueryVariables> = /* GraphQL */ `
  query MigrationPlan($key: String!, $from: Int!, $to: Int!, $mapping: [ElementMappingInput!]) {
    versionMigrationPlan(procedureKey: $key, fromVersion: $from, toVersion: $to, mapping: $mapping) {
      fromVersion toVersion total movable
      mapping { from fromName to toName type given }
      unmapped { elementId name type }
      newElements { elementId name type }
      requests { trackingCode activeElements canMove blockers { code elementId message } }
    }
  }`;

export const MIGRATE_REQUESTS: Operation<MigrateRequestsMutation, MigrateRequestsMutationVariables> = /* GraphQL */ `
  mutation MigrateRequests($key: String!, $from: Int!, $to: Int!, $mapping: [ElementMappingInput!], $codes: [String!]) {
    migrateRequests(procedureKey: $key, fromVersion: $from, toVersion: $to, mapping: $mapping, trackingCodes: $codes) {
      trackingCode outcome message blockers { code elementId message }
    }
  }`;
