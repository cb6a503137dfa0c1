// GraphQL documents of the incidents' list and of a request on its diagram, with their types.
import type { Operation } from '../../../composables/useGraphql.ts';
import type {
  RequestDiagramQuery,
  RequestDiagramQueryVariables,
  ResolveIncidentsMutation,
  ResolveIncidentsMutationVariables,
  TownIncidentsQuery,
  TownIncidentsQueryVariables,
} from '../../../graphql/generated/operations.ts';

export type TownIncident = TownIncidentsQuery['incidents']['items'][number];
export type RequestDiagramView = RequestDiagramQuery['requestDiagram'];

export const TOWN_INCIDENTS: Operation<TownIncidentsQuery, TownIncidentsQueryVariables> = /* GraphQL */ `
  query TownIncidents($filter: IncidentFilter, $lang: Lang) {
    incidents(filter: $filter, first: 200) {
      total
      items {
        id trackingCode procedureKey procedureTitle(lang: $lang) procedureVersion elementId code message since
        resolvedAt resolvedBy
      }
      procedures { key title(lang: $lang) open }
    }
  }`;

export const RESOLVE_INCIDENTS: Operation<ResolveIncidentsMutation, ResolveIncidentsMutationVariables> = /* GraphQL */ `
  mutation ResolveIncidents($incidents: [IncidentRef!]!, $variables: JSON) {
    resolveIncidents(incidents: $incidents, variables: $variables) {
      trackingCode incidentId done error { code message }
    }
  }`;

export const REQUEST_DIAGRAM: Operation<RequestDiagramQuery, RequestDiagramQueryVariables> = /* GraphQL */ `
  query RequestDiagram($code: String!, $lang: Lang) {
    requestDiagram(trackingCode: $code) {
      request { trackingCode procedureTitle(lang: $lang) procedureVersion status }
      bpmn
      activeElements
      timers { elementId fireAt }
      incidents { id elementId code message since }
      path { elementId name kind enteredAt leftAt outcome }
      variables { name kind value masked }
      personalDataShown
    }
  }`;
