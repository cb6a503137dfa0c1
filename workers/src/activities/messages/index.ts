// Messages and signals between the requests of a town: the activities the request workflow calls
// (issue 17, point 1). The API publishes through the same publishMessage activity (publish-message workflow).
import { Context } from '@temporalio/activity';
import type { Sql } from 'postgres';
import { activityScopedId, callingWorkflowId } from './ids.ts';
import { publishMessage } from './publish.ts';
import { broadcastSignal } from './signals.ts';
import { closeSubscription, openSubscription } from './subscriptions.ts';
import type {
  BufferedMessage,
  PublishInput,
  PublishOutcome,
  SignalInput,
  SignalOutcome,
  SubscriptionInput,
} from './types.ts';

export type { DeliverSignalArgs } from './deliver-signal.ts';
export { deliverSignalUpdate } from './deliver-signal.ts';
export type * from './types.ts';

/** The activities, bound to the database; Temporal is the worker's own client (activity context). */
export function messageActivities(sql: Sql) {
  return {
    /**
     * On the engine's `waitMessage`: records the wait, or returns a buffered message within its time
     * to live (then no wait is recorded: deliver it to the engine as `messageReceived`).
     */
    openSubscription(input: SubscriptionInput): Promise<BufferedMessage | null> {
      return openSubscription(sql, callingWorkflowId(), input);
    },

    /** On `cancelMessageWait`, and when a wait's message was received. */
    closeSubscription(input: { subscriptionId: string }): Promise<void> {
      return closeSubscription(sql, callingWorkflowId(), input.subscriptionId);
    },

    /** On the engine's `publishMessage` command (and for the API): correlate, start, or buffer. */
    publishMessage(input: PublishInput): Promise<PublishOutcome> {
      return unlessCancelled(
        publishMessage(sql, Context.current().client, {
          ...input,
          publicationId: input.publicationId ?? activityScopedId(),
        }),
      );
    },

    /** On the engine's `throwSignal` command. */
    broadcastSignal(input: SignalInput): Promise<SignalOutcome> {
      return unlessCancelled(
        broadcastSignal(sql, Context.current().client, {
          ...input,
          broadcastId: input.broadcastId ?? activityScopedId(),
        }),
      );
    },
  };
}

/**
 * A delivery gives way when its activity is cancelled, as when the worker stops: an update to a
 * waiting request completes only in that request's next workflow task, which a stopping worker
 * no longer runs, so the worker would wait for it for ever. The retry delivers to no request twice.
 */
function unlessCancelled<T>(delivery: Promise<T>): Promise<T> {
  delivery.catch(() => {}); // once cancelled, nobody waits for it
  return Promise.race([delivery, Context.current().cancelled]);
}
