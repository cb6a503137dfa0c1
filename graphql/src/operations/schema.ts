import type { Resolvers } from '../generated/resolvers.ts';
import { actOnIncidents, parseVariables } from './incident-actions.ts';
import { requestDiagram } from './request-diagram.ts';
import { townIncidents } from './town-incidents.ts';

// Issue 21, points 1 and 2: a request on its diagram, and the town's incidents. Who may see and do
// what: monitor-access.ts.
export const operationsTypeDefs = /* GraphQL */ `
  "A BPMN timer of the request that has not rung yet."
  type DiagramTimer {
    "the timer's BPMN element (an intermediate or boundary timer event)"
    elementId: String!
    "when it rings (ISO 8601)"
    fireAt: String!
  }

  "An incident open on the request, live from its workflow."
  type DiagramIncident {
    "the incident's id, to retry or resolve it"
    id: ID!
    "the BPMN element where it happened"
    elementId: String!
    "what went wrong, as a stable code (e.g. JOB_FAILED)"
    code: String!
    "what went wrong, in words"
    message: String!
    "since when it stops the request (ISO 8601); null for one raised before incidents were listed"
    since: String
  }

  "What the request went through: a task, or an incident that held it."
  enum PathStepKind {
    "a task people worked on"
    TASK
    "an incident that stopped the request there"
    INCIDENT
  }

  "One element of the path a request took, with its times."
  type PathStep {
    "the BPMN element"
    elementId: String!
    "the task's name, when it has one"
    name: String
    "a task or an incident"
    kind: PathStepKind!
    "when the request reached it (ISO 8601)"
    enteredAt: String!
    "when it left it (ISO 8601); null while it is there"
    leftAt: String
    "a task: completed, cancelled or open; an incident: resolved or open"
    outcome: String!
  }

  "The kind of a variable's value, shown even when the value is masked."
  enum VariableKind {
    "a text"
    TEXT
    "a number"
    NUMBER
    "true or false"
    BOOLEAN
    "a list of values"
    LIST
    "an object of named values"
    OBJECT
    "no value (null)"
    EMPTY
  }

  "A variable of the request: its value only for a viewer who may see the request's data."
  type RequestVariable {
    "the variable's name, as the model reads it"
    name: String!
    "the kind of its value"
    kind: VariableKind!
    "its value; null when masked"
    value: JSON
    "true when the value is hidden from this viewer (personal data)"
    masked: Boolean!
  }

  "A request on its procedure version's diagram: where it stands, the path it took, its variables."
  type RequestDiagram {
    "the request"
    request: Request!
    "the BPMN XML of the version the request runs on"
    bpmn: String!
    "the elements where the request stands now (none once it is closed)"
    activeElements: [String!]!
    "the timers that have not rung yet, with their dates"
    timers: [DiagramTimer!]!
    "the incidents open now"
    incidents: [DiagramIncident!]!
    "the tasks and incidents it went through, oldest first, with their times"
    path: [PathStep!]!
    "its variables (live while it is open, its form's data once closed), by name"
    variables: [RequestVariable!]!
    "whether this viewer sees the variables' values"
    personalDataShown: Boolean!
    "why the values are masked, in words; null when they are shown"
    personalDataNote: String
  }

  "One incident of the town's requests."
  type TownIncident {
    "the incident's id, with the tracking code to act on it"
    id: ID!
    "the request it stops"
    trackingCode: String!
    "the request's procedure"
    procedureKey: String!
    "the procedure's title, in the language asked"
    procedureTitle("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "the version of the procedure the request runs on"
    procedureVersion: Int!
    "the BPMN element where it happened"
    elementId: String!
    "what went wrong, as a stable code"
    code: String!
    "what went wrong, in words"
    message: String!
    "since when (ISO 8601)"
    since: String!
    "when it was resolved (ISO 8601); null while open"
    resolvedAt: String
    "who resolved it; null while open"
    resolvedBy: String
  }

  "A procedure with open incidents, for the list's filter."
  type IncidentProcedure {
    "the procedure's key"
    key: String!
    "its title, in the language asked"
    title("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "how many incidents are open on its requests"
    open: Int!
  }

  "The town's incidents matching a filter."
  type IncidentList {
    "the incidents, the longest stuck first"
    items: [TownIncident!]!
    "how many match the filter in all"
    total: Int!
    "the procedures with open incidents"
    procedures: [IncidentProcedure!]!
  }

  "Which incidents to list."
  input IncidentFilter {
    "only this procedure's (its key)"
    procedure: String
    "only those on this BPMN element"
    elementId: String
    "only those with this code"
    code: String
    "resolved ones too (default: open only)"
    includeResolved: Boolean
    "only those opened before this instant (ISO 8601)"
    openedBefore: String
  }

  "An incident of a request, to act on."
  input IncidentRef {
    "the request's tracking code (XXXX-XXXX-XXXX)"
    trackingCode: String!
    "the incident's id"
    incidentId: ID!
  }

  "Why an incident of a bulk action was refused."
  type IncidentRefusal {
    "the error code (ALREADY_RESOLVED, NOT_FOUND, FORBIDDEN…)"
    code: String!
    "why, in words"
    message: String!
  }

  "What became of one incident of a bulk action."
  type IncidentOutcome {
    "the request's tracking code"
    trackingCode: String!
    "the incident's id"
    incidentId: ID!
    "true when it was retried or resolved"
    done: Boolean!
    "why it was refused; null when done"
    error: IncidentRefusal
  }

  extend type Query {
    """
    A request on its procedure version's diagram, for managers and administrators, analysts (every
    request of their town, its data masked) and agents (the requests they may open).
    """
    requestDiagram("the request's tracking code (XXXX-XXXX-XXXX)" trackingCode: String!): RequestDiagram!
    "The town's incidents, for managers, administrators and analysts: the longest stuck first."
    incidents(
      "which incidents (default: open ones)"
      filter: IncidentFilter
      "how many at most (1 to 200)"
      first: Int = 50
    ): IncidentList!
  }

  extend type Mutation {
    """
    Retries (without variables) or resolves with new values of the request's variables the incidents
    chosen, one after the other; each is refused or done on its own. New values only from those who
    may read the requests' data.
    """
    resolveIncidents(
      "the incidents (1 to 200)"
      incidents: [IncidentRef!]!
      "new values of the requests' variables, by name, set before the step runs again, where the failed step reads them (its own input when its input mapping names the variable, as in Zeebe)"
      variables: JSON
    ): [IncidentOutcome!]!
  }
`;

export const operationsResolvers: Resolvers = {
  Query: {
    requestDiagram: (_, args, ctx) => requestDiagram(ctx, args.trackingCode),
    incidents: (_, args, ctx) => townIncidents(ctx, args.filter ?? {}, args.first ?? 50),
  },
  Mutation: {
    resolveIncidents: (_, args, ctx) => actOnIncidents(ctx, args.incidents, parseVariables(args.variables)),
  },
  PathStep: {
    enteredAt: (step) => step.enteredAt.toISOString(),
    leftAt: (step) => step.leftAt?.toISOString() ?? null,
  },
  DiagramIncident: {
    id: (incident) => incident.incidentId,
    since: (incident) => incident.since?.toISOString() ?? null,
  },
  TownIncident: {
    id: (row) => row.incident_id,
    trackingCode: (row) => row.tracking_code,
    procedureKey: (row) => row.procedure_key,
    procedureTitle: (row, args) => (args.lang === 'en' ? row.procedure_title_en : row.procedure_title_fr),
    procedureVersion: (row) => row.version,
    elementId: (row) => row.element_id,
    since: (row) => row.opened_at.toISOString(),
    resolvedAt: (row) => row.resolved_at?.toISOString() ?? null,
    resolvedBy: (row) => row.resolved_by,
  },
  IncidentProcedure: {
    title: (row, args) => (args.lang === 'en' ? row.title_en : row.title_fr),
  },
};
