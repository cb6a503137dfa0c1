// Sandbox-safe: the clocks' alarms an in-process host keeps until time passes (the designer's dry run,
// the simulator); the Temporal workflow sleeps on them instead.
import type { Wakeup } from './types.ts';

export interface PendingAlarm {
  at: string;
  wakeup: Wakeup;
}

export class PendingAlarms {
  private readonly alarms = new Map<string, PendingAlarm>();

  set(id: string, at: string, wakeup: Wakeup): void {
    this.alarms.set(id, { at, wakeup });
  }

  delete(id: string): void {
    this.alarms.delete(id);
  }

  clear(): void {
    this.alarms.clear();
  }

  /** The first alarm due by `to`, taken away; undefined when none is. */
  takeDue(to: string): PendingAlarm | undefined {
    let first: [string, PendingAlarm] | undefined;
    for (const entry of this.alarms) if (entry[1].at <= to && (!first || entry[1].at < first[1].at)) first = entry;
    if (!first) return undefined;
    this.alarms.delete(first[0]);
    return first[1];
  }
}
