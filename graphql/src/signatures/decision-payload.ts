import { rfc8785 } from '@parvis/engine';
import { sha256Hex } from './public-key.ts';

export const DECISIONS = ['approve', 'refuse', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

/** What an agent signs: every field the decision depends on, written as RFC 8785 canonical JSON. */
export interface DecisionPayload {
  purpose: 'parvis.decision.v1';
  /** the municipality */
  tenant: string;
  request: { id: string; trackingCode: string; dataHash: string };
  task: { id: string; key: string; elementId: string; name: string; groups: string[] };
  signer: { id: string; name: string };
  onBehalfOf?: { id: string; name: string; delegationId: string };
  decision: Decision;
  comment: string;
  /** fingerprint of the key expected to sign */
  key: string;
  /** single-use, issued by the server */
  nonce: string;
  /** when the server prepared it */
  time: string;
}

/** The exact text signed: canonical JSON (RFC 8785), signed as UTF-8. */
export const signedText = (payload: DecisionPayload): string => rfc8785(payload);

/** hex SHA-256 of the request's data in canonical JSON: the data as the signer saw it. */
export const dataHash = (data: unknown): string => sha256Hex(rfc8785(data ?? null));

/** Reads a signed text back, or undefined when it is not a decision payload. */
export function readPayload(text: string): DecisionPayload | undefined {
  try {
    const value = JSON.parse(text) as DecisionPayload;
    return value?.purpose === 'parvis.decision.v1' ? value : undefined;
  } catch {
    return undefined;
  }
}
