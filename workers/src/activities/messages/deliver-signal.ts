// Sandbox-safe: the update that hands a request a signal thrown in its town (broadcastSignal). The
// request workflow sets its handler: it answers NOT_WAITING when no signal catch of that name waits.
import type { Variables } from '@parvis/engine/runtime';
import { defineUpdate } from '@temporalio/workflow';

export interface DeliverSignalArgs {
  signalName: string;
  variables: Variables;
  /** who threw it, for the timeline */
  from: string;
}

export const deliverSignalUpdate = defineUpdate<{ accepted: true }, [DeliverSignalArgs]>('deliverSignal');
