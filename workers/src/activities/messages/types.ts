import type { Variables } from '@parvis/engine';

/** What a request's workflow knows of a message catch it waits at (the engine's `waitMessage`). */
export interface SubscriptionInput {
  requestId: string;
  municipalityId: string;
  subscriptionId: string;
  elementId: string;
  messageName: string;
  /** the key the catch expects (its correlationKey, evaluated when the wait began); absent: any */
  correlationKey?: string;
}

/** A message published in a town: by a request's throw event, the GraphQL API or the webhook. */
export interface PublishInput {
  municipalityId: string;
  messageName: string;
  correlationKey?: string;
  variables?: Variables;
  /** time to live in milliseconds: how long it waits for a subscription when none takes it at once (0: not buffered) */
  ttl?: number;
  /** the publisher's id for it: published once per town, a second publication is a duplicate */
  messageId?: string;
  /** who publishes it: a request's tracking code (its throw event), an agent's name, `webhook` */
  from: string;
  /** the publishing request: its own waits are not among those the message reaches */
  fromRequestId?: string;
  /** the publication's id, for retries; derived from the activity when absent */
  publicationId?: string;
}

/** What became of a published message. */
export interface PublishOutcome {
  publicationId: string;
  /** tracking codes of the waiting requests it reached */
  correlated: string[];
  /** tracking codes of the requests its message start events started */
  started: string[];
  /** kept for a subscription opening within its time to live, until `expiresAt` */
  buffered: boolean;
  expiresAt?: string;
  /** a message with this messageId was already published in the town: nothing was done */
  duplicate: boolean;
}

/** A buffered message handed to a subscription that opened within its time to live. */
export interface BufferedMessage {
  messageName: string;
  correlationKey?: string;
  variables: Variables;
  from: string;
}

export interface SignalInput {
  municipalityId: string;
  signalName: string;
  variables?: Variables;
  from: string;
  /** the throwing request: the engine already delivered the signal to its own waits */
  fromRequestId?: string;
  /** the broadcast's id, for retries; derived from the activity when absent */
  broadcastId?: string;
}

export interface SignalOutcome {
  /** tracking codes of the waiting requests it reached */
  delivered: string[];
  /** tracking codes of the requests its signal start events started */
  started: string[];
}
