// The agents' sign-in with its second factor: the API refuses a password alone with the step
// that follows (extensions.secondFactor: 'code' or 'enrol' with its challenge), read here.
import { ApiError } from '../../../composables/useGraphql.ts';
import { MUNICIPALITY } from '../../../municipality.ts';

export type SignInOutcome =
  | { kind: 'signedIn' }
  | { kind: 'code' }
  | { kind: 'enrol'; challenge: string }
  | { kind: 'refused'; error: ApiError };

interface Answer<T> {
  data?: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; secondFactor?: string; challenge?: string; field?: string };
  }[];
}

async function post<T>(query: string, variables: Record<string, unknown>): Promise<Answer<T>> {
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'parvis-town': MUNICIPALITY },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer<T>;
  } catch (error) {
    return { errors: [{ message: String(error), extensions: { code: 'NETWORK' } }] };
  }
}

const SIGN_IN = /* GraphQL */ `
  mutation SignInWithCode($municipality: ID!, $email: String!, $password: String!, $code: String) {
    signIn(municipality: $municipality, email: $email, password: $password, code: $code) { id }
  }`;

export async function signInWithSecondFactor(email: string, password: string, code?: string): Promise<SignInOutcome> {
  const answer = await post(SIGN_IN, { municipality: MUNICIPALITY, email, password, code: code || null });
  const first = answer.errors?.[0];
  if (!first) return { kind: 'signedIn' };
  const ext = first.extensions ?? {};
  if (ext.secondFactor === 'code' && !code) return { kind: 'code' };
  if (ext.secondFactor === 'enrol' && ext.challenge) return { kind: 'enrol', challenge: ext.challenge };
  return { kind: 'refused', error: new ApiError(ext.code ?? 'INTERNAL_SERVER_ERROR', first.message, [], ext.field) };
}

export interface TotpEnrolment {
  challenge: string;
  secret: string;
  uri: string;
  qrCode: string;
}

const BEGIN = /* GraphQL */ `
  mutation BeginTotpEnrolment($municipality: ID!, $challenge: String) {
    beginTotpEnrolment(municipality: $municipality, challenge: $challenge) { challenge secret uri qrCode }
  }`;
const CONFIRM = /* GraphQL */ `
  mutation ConfirmTotpEnrolment($municipality: ID!, $challenge: String!, $code: String!) {
    confirmTotpEnrolment(municipality: $municipality, challenge: $challenge, code: $code) { id }
  }`;

const failed = (answer: Answer<unknown>) => {
  const first = answer.errors?.[0];
  return first
    ? new ApiError(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.message, [], first.extensions?.field)
    : undefined;
};

export async function beginEnrolment(challenge: string | null): Promise<TotpEnrolment> {
  const answer = await post<{ beginTotpEnrolment: TotpEnrolment }>(BEGIN, { municipality: MUNICIPALITY, challenge });
  const error = failed(answer);
  if (error) throw error;
  return answer.data!.beginTotpEnrolment;
}

export async function confirmEnrolment(challenge: string, code: string): Promise<void> {
  const error = failed(await post(CONFIRM, { municipality: MUNICIPALITY, challenge, code }));
  if (error) throw error;
}
