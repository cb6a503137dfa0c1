import { MUNICIPALITY } from '../municipality.ts';

/** A problem with one field of a submitted form, as the server words it. */
export interface FieldError {
  /** key path of the field: `email`, `address.city`, `children[1].name` */
  field: string;
  code: string;
  message: { fr: string; en: string };
}

/**
 * Why an API call failed: `code` is the server's `extensions.code`, or `NETWORK` when the API
 * could not be reached or did not answer in GraphQL.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** The input the server names as wrong (`email`, `password`…), for errors on one field. */
    readonly field?: string,
    /** When to try again, for RATE_LIMITED and SERVICE_UNAVAILABLE. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; fields?: FieldError[]; field?: string; retryAfterSeconds?: number };
  }[];
}

/**
 * A GraphQL document with the types `npm run codegen` gives its answer and its variables
 * (graphql/generated/operations.ts): `request(TASK, { id })` is typed by the schema. Types only.
 * A page may still name the answer's type (`request<View>(…)`) where it reads a String of the
 * schema as a closed list of words or a JSON value as a form.
 */
export type Operation<Result, Variables> = string & { readonly __types?: (variables: Variables) => Result };

async function request<T, Variables extends Record<string, unknown> = Record<string, unknown>>(
  query: Operation<T, Variables> | string,
  variables: Variables | Record<string, never> = {},
): Promise<T> {
  let body: GraphqlResponse<T>;
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      // The town the portal serves: the API's mails then link to its portal.
      headers: { 'content-type': 'application/json', accept: 'application/json', 'parvis-town': MUNICIPALITY },
      body: JSON.stringify({ query, variables }),
    });
    body = (await response.json()) as GraphqlResponse<T>;
  } catch (error) {
    throw new ApiError('NETWORK', String(error));
  }
  const first = body.errors?.[0];
  if (first) {
    const fields = Array.isArray(first.extensions?.fields) ? first.extensions.fields : [];
    const field = typeof first.extensions?.field === 'string' ? first.extensions.field : undefined;
    const retryAfter = first.extensions?.retryAfterSeconds;
    throw new ApiError(
      first.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      first.message,
      fields,
      field,
      typeof retryAfter === 'number' ? retryAfter : undefined,
    );
  }
  if (!body.data) throw new ApiError('INTERNAL_SERVER_ERROR', 'GraphQL answer without data');
  return body.data;
}

/** The portal's one way to the API: GraphQL over HTTP, with the session cookie of this site. */
export function useGraphql() {
  return { request };
}
