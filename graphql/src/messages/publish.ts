// A message published from outside Parvis (the GraphQL mutation, the signed webhook): checked here,
// then correlated by the workers' publishMessage activity, run by the publish-message workflow.
import { randomUUID } from 'node:crypto';
import { TASK_QUEUE } from '@parvis/workers/messages';
import type { Client } from '@temporalio/client';

/** A message as its publisher sends it (the mutation's arguments, the webhook's JSON body). */
export interface OutsideMessage {
  name: unknown;
  correlationKey?: unknown;
  variables?: unknown;
  /** milliseconds, as in Zeebe's API */
  timeToLive?: unknown;
  messageId?: unknown;
}

/** What became of it (the workers' PublishOutcome). */
export interface PublishedMessage {
  correlated: string[];
  started: string[];
  buffered: boolean;
  expiresAt?: string;
  duplicate: boolean;
}

/** The longest time to live: a year. */
export const MAX_TIME_TO_LIVE_MS = 365 * 24 * 3600 * 1000;
const MAX_TEXT = 200;
const MAX_VARIABLES_BYTES = 64 * 1024;

export interface CheckedMessage {
  messageName: string;
  correlationKey?: string;
  variables: Record<string, unknown>;
  ttl: number;
  messageId?: string;
}

/** The message, or what is wrong with it, naming the field (French, then English). */
export function checkMessage(message: OutsideMessage): CheckedMessage | { problem: string } {
  const text = (value: unknown, field: string, required: boolean): string | undefined | { problem: string } => {
    if (value === undefined || value === null) {
      return required ? { problem: `${field} : obligatoire. / ${field}: required.` } : undefined;
    }
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
      return {
        problem: `${field} : un texte de 1 à ${MAX_TEXT} caractères. / ${field}: a text of 1 to ${MAX_TEXT} characters.`,
      };
    }
    return value;
  };
  const name = text(message.name, 'name', true);
  if (typeof name === 'object') return name;
  // Zeebe correlates numbers as their text: 42 and "42" are one key.
  const key = typeof message.correlationKey === 'number' ? String(message.correlationKey) : message.correlationKey;
  const correlationKey = text(key, 'correlationKey', false);
  if (typeof correlationKey === 'object') return correlationKey;
  const messageId = text(message.messageId, 'messageId', false);
  if (typeof messageId === 'object') return messageId;
  const variables = message.variables ?? {};
  if (typeof variables !== 'object' || Array.isArray(variables) || variables === null) {
    return { problem: 'variables : un objet JSON. / variables: a JSON object.' };
  }
  if (Buffer.byteLength(JSON.stringify(variables)) > MAX_VARIABLES_BYTES) {
    return { problem: 'variables : 64 Kio au plus. / variables: 64 KiB at most.' };
  }
  const ttl = message.timeToLive ?? 0;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TIME_TO_LIVE_MS) {
    return {
      problem: `timeToLive : un nombre entier de millisecondes, de 0 à ${MAX_TIME_TO_LIVE_MS} (un an). / timeToLive: whole milliseconds, 0 to ${MAX_TIME_TO_LIVE_MS} (a year).`,
    };
  }
  return {
    messageName: name!,
    ...(correlationKey ? { correlationKey } : {}),
    variables: variables as Record<string, unknown>,
    ttl,
    ...(messageId ? { messageId } : {}),
  };
}

/** Publishes a checked message in the town and waits for what became of it. */
export async function publishInTown(
  temporal: Client,
  municipalityId: string,
  message: CheckedMessage,
  from: string,
): Promise<PublishedMessage> {
  const outcome = await temporal.workflow.execute('publishMessageWorkflow', {
    taskQueue: TASK_QUEUE,
    workflowId: `message-${municipalityId}-${randomUUID()}`,
    args: [{ municipalityId, ...message, from }],
  });
  const { correlated, started, buffered, expiresAt, duplicate } = outcome as PublishedMessage;
  return { correlated, started, buffered, duplicate, ...(expiresAt ? { expiresAt } : {}) };
}
