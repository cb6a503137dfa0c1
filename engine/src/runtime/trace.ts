// Sandbox-safe: an optional record of what a step did, for the simulator and for debugging.

import type { Variables } from './types.ts';

export type TraceAction =
  | 'activated'
  | 'waiting'
  | 'completed'
  | 'cancelled'
  | 'ended'
  | 'triggered'
  | 'incident'
  | 'terminated'
  | 'failed';

export interface TraceEntry {
  elementId: string;
  elementType: string;
  instanceId: string;
  action: TraceAction;
  detail?: string;
  /** process variables after this happened */
  variables: Variables;
}
