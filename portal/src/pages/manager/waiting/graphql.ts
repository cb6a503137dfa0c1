// GraphQL documents of the heatmap page (where requests wait), with their types.
import type { Operation } from '../../../composables/useGraphql.ts';
import type {
  WaitingHeatmapQuery,
  WaitingHeatmapQueryVariables,
  WaitingProceduresQuery,
  WaitingProceduresQueryVariables,
} from '../../../graphql/generated/operations.ts';

export type WaitingHeatmapView = WaitingHeatmapQuery['waitingHeatmap'];
export type HeatmapElementView = WaitingHeatmapView['elements'][number];
export const WAITING_PROCEDURES: Operation<WaitingProceduresQuery, WaitingProceduresQueryVariables> = /* GraphQL */ `
  query WaitingProcedures($municipality: ID!, $lang: Lang) {
    procedures(municipality: $municipality) { key title(lang: $lang) version }
  }`;

export const WAITING_HEATMAP: Operation<WaitingHeatmapQuery, WaitingHeatmapQueryVariables> = /* GraphQL */ `
  query WaitingHeatmap($procedureKey: String!, $from: String, $to: String, $lang: Lang) {
    waitingHeatmap(procedureKey: $procedureKey, from: $from, to: $to) {
      procedureKey procedureTitle(lang: $lang) version from to bpmn requests emptyReason
      elements { elementId name requests waiting medianHours p90Hours deadlinesMissed }
      groups { key open completed medianHours deadlinesMissed }
      agents { key open completed medianHours deadlinesMissed }
      csv
    }
  }`;
