import { GraphQLError } from 'graphql';

/** Error codes a client can rely on (`extensions.code`); any other error reaches a client as INTERNAL_SERVER_ERROR. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'FORM_INVALID',
  'CHANNEL_NOT_ALLOWED',
  'TASK_NOT_OPEN',
  'NOT_ALLOWED',
  'PROCEDURE_INVALID',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'LINK_INVALID',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'NOT_WAITING',
  // the conversation: a closed request takes no more of its citizen's words; a question is answered once
  'REQUEST_CLOSED',
  'ALREADY_ANSWERED',
  // the front desk: a citizen already on record (extensions.citizenId names them)
  'CITIZEN_EXISTS',
  // duplicates: a merge refused (extensions.reason: notFound, itself, otherProcedure, mainClosed, duplicateClosed)
  'MERGE_REFUSED',
  // the signature book
  'KEY_INVALID',
  'KEY_REVOKED',
  'NONCE_INVALID',
  'SIGNATURE_INVALID',
  'SIGNATURE_REQUIRED',
  'DELEGATION_INVALID',
  // a disabled town takes no new request
  'TOWN_DISABLED',
  // a file declared complete twice (CRPA art. L114-5)
  'ALREADY_COMPLETE',
  // an incident retried or resolved once it was resolved already (its request's workflow went on)
  'ALREADY_RESOLVED',
  // appointments: a slot full, a day the town hall is closed, an appointment (or slot) already passed
  'SLOT_TAKEN',
  'DAY_CLOSED',
  'APPOINTMENT_PAST',
  // an agent booked as resource who is not present then (their working pattern, an absence)
  'AGENT_ABSENT',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes Apollo gives to malformed or invalid operations: shown as they are. */
const OPERATION_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
];

const SHOWN = new Set<string>([...ERROR_CODES, ...OPERATION_CODES]);

/** Whether an error with this code may be shown to a client as it is. */
export const isClientError = (code: string) => SHOWN.has(code);

export function userError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}
