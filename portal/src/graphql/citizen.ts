// GraphQL documents of the citizen's pages, with the shape of what they return.
import type { ConversationMessage } from '../components/conversation/conversation-graphql.ts';
import type { Operation } from '../composables/useGraphql.ts';
import type {
  AnswerRequestMutation,
  AnswerRequestMutationVariables,
  Audience,
  CitizenSignInMutation,
  CitizenSignInMutationVariables,
  MyAccountQuery,
  MyAccountQueryVariables,
  MyPrefillQuery,
  MyPrefillQueryVariables,
  MyProfileQuery,
  MyProfileQueryVariables,
  ProcedureQuery,
  ProcedureQueryVariables,
  ProceduresQuery,
  ProceduresQueryVariables,
  ProfileFieldsFragment,
  RequestDocumentsQuery,
  RequestDocumentsQueryVariables,
  RequestSignInLinkMutation,
  RequestSignInLinkMutationVariables,
  SignInWithLinkMutation,
  SignInWithLinkMutationVariables,
  SignUpMutation,
  SignUpMutationVariables,
  SubmitRequestMutation,
  SubmitRequestMutationVariables,
  TrackRequestQuery,
  TrackRequestQueryVariables,
  UpdateMyProfileMutation,
  UpdateMyProfileMutationVariables,
} from '../graphql/generated/operations.ts';
import { REQUEST_FILE_FIELDS, type RequestFileLink } from './files.ts';

/** A form-js schema, as drawn in the form editor. */
export type FormSchema = Record<string, unknown> & { components?: FormComponent[] };
export interface FormComponent {
  id?: string;
  key?: string;
  label?: string;
  type?: string;
  dateLabel?: string;
  timeLabel?: string;
  /** a datetime field's kind: a day, a time, or both */
  subtype?: 'date' | 'time' | 'datetime';
  /** the options of a select, radio, checklist or taglist */
  values?: { label: string; value: unknown }[];
  components?: FormComponent[];
}

/** Who a procedure is for, in the catalogue's order (the engine's AUDIENCES, as the schema spells them). */
export const AUDIENCES = ['HOUSEHOLDS', 'BUSINESSES', 'ASSOCIATIONS'] as const satisfies readonly Audience[];
export type { Audience };

export interface ProcedureSummary {
  key: string;
  title: string;
}

export type CatalogueProcedure = ProceduresQuery['procedures'][number];

/** The online catalogue: the procedures open to the web channel (an analyst may close one to it). */
export const PROCEDURES: Operation<ProceduresQuery, ProceduresQueryVariables> = /* GraphQL */ `
  query Procedures($municipality: ID!, $lang: Lang) {
    procedures(municipality: $municipality, channel: WEB) { key title(lang: $lang) audience }
  }`;

export interface ProcedureWithForm extends ProcedureSummary {
  version: number;
  startForm: FormSchema | null;
}

export const PROCEDURE: Operation<ProcedureQuery, ProcedureQueryVariables> = /* GraphQL */ `
  query Procedure($municipality: ID!, $key: String!, $lang: Lang) {
    procedure(municipality: $municipality, key: $key, channel: WEB) { key title(lang: $lang) version startForm }
  }`;

export const SUBMIT_REQUEST: Operation<SubmitRequestMutation, SubmitRequestMutationVariables> = /* GraphQL */ `
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

export const REQUEST_DOCUMENTS: Operation<RequestDocumentsQuery, RequestDocumentsQueryVariables> = /* GraphQL */ `
  query RequestDocuments($code: String!, $email: String, $lang: Lang) {
    request(trackingCode: $code, email: $email) { documents { kind title(lang: $lang) url } }
  }`;

export interface TrackedRequest {
  trackingCode: string;
  procedureKey: string;
  /** the start form of the request's version: its file fields take the documents sent with an answer */
  startForm: FormSchema | null;
  /** the town hall waits for the citizen's answer */
  awaitsAnswer: boolean;
  status: RequestStatus;
  procedureTitle: string;
  submittedAt: string;
  closedAt: string | null;
  timeline: TimelineEvent[];
  /** the conversation's messages, for their place in the history */
  conversation: { messages: Pick<ConversationMessage, 'id' | 'from' | 'kind' | 'sentAt'>[] };
  documents: RequestDocument[];
  files: RequestFileLink[];
  /** its procedure invites the citizen to book an appointment (the panel loads only then) */
  appointmentInvitation: { kind: { key: string } } | null;
}

export const TRACK_REQUEST: Operation<TrackRequestQuery, TrackRequestQueryVariables> = /* GraphQL */ `
  query TrackRequest($code: String!, $email: String, $lang: Lang) {
    request(trackingCode: $code, email: $email) {
      trackingCode procedureKey status procedureTitle(lang: $lang) submittedAt closedAt startForm awaitsAnswer
      appointmentInvitation { kind { key } }
      timeline { kind payload occurredAt }
      conversation { messages { id from kind sentAt } }
      documents { kind title(lang: $lang) url }
      ...RequestFiles
    }
  }
  ${REQUEST_FILE_FIELDS}`;

export const ANSWER_REQUEST: Operation<AnswerRequestMutation, AnswerRequestMutationVariables> = /* GraphQL */ `
  mutation AnswerRequest($code: String!, $email: String, $answer: String!, $files: [AnsweredFiles!], $question: ID) {
    answerRequest(trackingCode: $code, email: $email, answer: $answer, files: $files, question: $question) { trackingCode }
  }`;

// The citizen's account: session, sign-up and sign-in, profile, history, consents, data, deletion.

export interface CitizenAddress {
  label: string | null;
  street: string;
  postalCode: string;
  city: string;
}

export type CitizenProfile = ProfileFieldsFragment;

const PROFILE_FIELDS = /* GraphQL */ `
  fragment ProfileFields on Citizen {
    id firstName lastName email phone addresses { label street postalCode city } notificationPreferences { email sms }
  }`;

export const MY_PROFILE: Operation<MyProfileQuery, MyProfileQueryVariables> =
  /* GraphQL */ `query MyProfile { myProfile { ...ProfileFields } }
  ${PROFILE_FIELDS}`;

export const MY_PREFILL: Operation<MyPrefillQuery, MyPrefillQueryVariables> =
  /* GraphQL */ `query MyPrefill($procedure: String!) { myPrefill(procedure: $procedure) }`;

export const SIGN_UP: Operation<SignUpMutation, SignUpMutationVariables> = /* GraphQL */ `
  mutation SignUp($municipality: ID!, $email: String!, $password: String!, $firstName: String, $lastName: String,
    $consent: ConsentInput!) {
    signUp(municipality: $municipality, email: $email, password: $password, firstName: $firstName,
      lastName: $lastName, consent: $consent)
  }`;

export const CITIZEN_SIGN_IN: Operation<CitizenSignInMutation, CitizenSignInMutationVariables> = /* GraphQL */ `
  mutation CitizenSignIn($municipality: ID!, $email: String!, $password: String!) {
    citizenSignIn(municipality: $municipality, email: $email, password: $password) { ...ProfileFields }
  }
  ${PROFILE_FIELDS}`;

export const REQUEST_SIGN_IN_LINK: Operation<RequestSignInLinkMutation, RequestSignInLinkMutationVariables> =
  /* GraphQL */ `
  mutation RequestSignInLink($municipality: ID!, $email: String!) {
    requestSignInLink(municipality: $municipality, email: $email)
  }`;

export const SIGN_IN_WITH_LINK: Operation<SignInWithLinkMutation, SignInWithLinkMutationVariables> = /* GraphQL */ `
  mutation SignInWithLink($municipality: ID!, $token: String!) {
    signInWithLink(municipality: $municipality, token: $token) { ...ProfileFields }
  }
  ${PROFILE_FIELDS}`;

export const CITIZEN_SIGN_OUT = /* GraphQL */ 'mutation CitizenSignOut { citizenSignOut }';

/** One request of the account's history. */
export interface AccountRequest {
  trackingCode: string;
  procedureTitle: string;
  status: RequestStatus;
  submittedAt: string;
  closedAt: string | null;
  dueAt: string | null;
  slaState: string;
  documents: RequestDocument[];
  /** messages the town hall wrote that the citizen has not read */
  unreadMessages: number;
}

export interface Consent {
  purpose: string;
  text: string;
  givenAt: string;
  withdrawnAt: string | null;
}

export const MY_ACCOUNT: Operation<MyAccountQuery, MyAccountQueryVariables> = /* GraphQL */ `
  query MyAccount($lang: Lang) {
    myProfile { ...ProfileFields }
    myRequests {
      trackingCode procedureTitle(lang: $lang) status submittedAt closedAt dueAt slaState unreadMessages
      documents { kind title(lang: $lang) url }
    }
    myConsents { purpose text givenAt withdrawnAt }
  }
  ${PROFILE_FIELDS}`;

export const UPDATE_MY_PROFILE: Operation<UpdateMyProfileMutation, UpdateMyProfileMutationVariables> = /* GraphQL */ `
  mutation UpdateMyProfile($profile: ProfileInput!) { updateMyProfile(profile: $profile) { ...ProfileFields } }
  ${PROFILE_FIELDS}`;

export const MY_DATA = /* GraphQL */ 'query MyData { myData }';

export const DELETE_MY_ACCOUNT = /* GraphQL */ 'mutation DeleteMyAccount { deleteMyAccount }';
