import { GraphQLError } from 'graphql';

/** Error codes a client can rely on (`extensions.code`). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'FORM_INVALID'
  | 'TASK_NOT_OPEN'
  | 'NOT_ALLOWED'
  | 'PROCEDURE_INVALID'
  | 'BAD_USER_INPUT';

export function userError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}
