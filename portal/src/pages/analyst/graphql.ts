// GraphQL documents of the analyst area, with the shape of what they return.
import type { Audience } from '../../graphql/citizen.ts';

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

export const PROCEDURES = /* GraphQL */ `query DesignerProcedures { designerProcedures { ...DesignerProcedureFields versions { version } } }
  ${PROCEDURE_FIELDS}`;

export const PROCEDURE = /* GraphQL */ `
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
  forms: Record<string, Record<string, unknown>>;
  texts: Record<string, unknown>;
}

export const VERSION_SOURCE = /* GraphQL */ `
  query VersionSource($key: String!, $version: Int) {
    procedureVersionSource(key: $key, version: $version) { version bpmn forms texts }
  }`;

export const UPDATE_METADATA = /* GraphQL */ `
  mutation UpdateMetadata($key: String!, $metadata: ProcedureMetadataInput!) {
    updateProcedureMetadata(key: $key, metadata: $metadata) { ...DesignerProcedureFields }
  }
  ${PROCEDURE_FIELDS}`;

export const DEPLOY = /* GraphQL */ `
  mutation Deploy($input: DeployProcedureInput!) {
    deployProcedure(input: $input) { procedureKey version created }
  }`;
