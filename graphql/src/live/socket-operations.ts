import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { OperationDefinitionNode } from 'graphql';

/**
 * Mutations that set or clear a session cookie. A WebSocket message cannot carry a Set-Cookie, so
 * on the socket they are refused before they run (nothing half-done: no session opened that no
 * browser holds), saying to send them over HTTP. A mutation that sets a cookie and is missing here
 * fails on the socket's response (socketResponse) instead of answering as if it had worked.
 */
const HTTP_ONLY_MUTATIONS = new Set([
  'signIn',
  'signOut',
  'confirmTotpEnrolment',
  'platformSignIn',
  'platformSignOut',
  'signInWithLink',
  'citizenSignIn',
  'citizenSignOut',
  'deleteMyAccount',
]);

/** The operation's root fields that only HTTP can answer. */
export function httpOnlyFields(operation: OperationDefinitionNode): string[] {
  if (operation.operation !== 'mutation') return [];
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === 'Field' && HTTP_ONLY_MUTATIONS.has(selection.name.value) ? [selection.name.value] : [],
  );
}

/**
 * The operation's request, for resolvers that read the client's address, cookies or host (the
 * audit log, the town's portal of a mail's links): the socket's upgrade request.
 */
export function socketRequest(request: IncomingMessage, address: string | undefined): Request {
  const headers = request.headers;
  const stand = {
    ip: address,
    headers,
    cookies: parseCookie(headers.cookie ?? ''),
    secure: Boolean((request.socket as TLSSocket).encrypted),
    get: (name: string) => headers[name.toLowerCase()],
  };
  return stand as unknown as Request;
}

/** The operation's response: headers (Retry-After) have nowhere to go; a cookie cannot be set. */
export function socketResponse(): Response {
  const refuse = () => {
    throw new Error('a session cookie cannot be set over the socket (HTTP_ONLY_MUTATIONS misses this mutation)');
  };
  const stand = { locals: {}, set: () => stand, cookie: refuse, clearCookie: refuse };
  return stand as unknown as Response;
}
