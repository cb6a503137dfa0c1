// GraphQL documents of the citizen's pages, with the shape of what they return.
/** A form-js schema, as drawn in the form editor. */
export type FormSchema = Record<string, unknown> & { components?: FormComponent[] };
export interface FormComponent {
  id?: string;
  key?: string;
  label?: string;
  dateLabel?: string;
  timeLabel?: string;
  components?: FormComponent[];
}

export interface ProcedureSummary {
  key: string;
  title: string;
}

export const PROCEDURES = /* GraphQL */ `
  query Procedures($municipality: ID!, $lang: Lang) {
    procedures(municipality: $municipality) { key title(lang: $lang) }
  }`;

export interface ProcedureWithForm extends ProcedureSummary {
  version: number;
  startForm: FormSchema | null;
}

export const PROCEDURE = /* GraphQL */ `
  query Procedure($municipality: ID!, $key: String!, $lang: Lang) {
    procedure(municipality: $municipality, key: $key) { key title(lang: $lang) version startForm }
  }`;

export const SUBMIT_REQUEST = /* GraphQL */ `
  mutation SubmitRequest($municipality: ID!, $procedure: String!, $data: JSON!) {
    submitRequest(municipality: $municipality, procedure: $procedure, data: $data) { trackingCode }
  }`;

export interface TimelineEvent {
  kind: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** The status words of a request: submitted, inProgress, closed or failed. */
export type RequestStatus = 'submitted' | 'inProgress' | 'closed' | 'failed';

/** A PDF of a request (acknowledgement, certificate), opened with the e-mail the request was filed with. */
export interface RequestDocument {
  kind: string;
  title: string;
  url: string;
}

export const REQUEST_DOCUMENTS = /* GraphQL */ `
  query RequestDocuments($code: String!, $email: String, $lang: Lang) {
    request(trackingCode: $code, email: $email) { documents { kind title(lang: $lang) url } }
  }`;

export interface TrackedRequest {
  trackingCode: string;
  status: RequestStatus;
  procedureTitle: string;
  submittedAt: string;
  closedAt: string | null;
  timeline: TimelineEvent[];
  documents: RequestDocument[];
}

export const TRACK_REQUEST = /* GraphQL */ `
  query TrackRequest($code: String!, $email: String, $lang: Lang) {
    request(trackingCode: $code, email: $email) {
      trackingCode status procedureTitle(lang: $lang) submittedAt closedAt
      timeline { kind payload occurredAt }
      documents { kind title(lang: $lang) url }
    }
  }`;
