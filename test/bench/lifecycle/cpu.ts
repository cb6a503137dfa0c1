import { readdirSync, readFileSync } from 'node:fs';

// CPU time of processes from /proc (Linux): user + system time of every thread of a process.

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on Linux x86-64 and arm64

/** utime + stime of a process in seconds, or undefined when it is gone or not readable. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // fields 14 and 15 of stat(5)
  } catch {
    return undefined;
  }
}

/** Children of a process whose command name (comm) is `name`. */
export function childrenNamed(parent: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && comm === name) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** A group of processes whose CPU time is measured together, e.g. "PostgreSQL backends". */
export interface CpuGroup {
  name: string;
  /** The processes of the group now (PostgreSQL backends come and go). */
  pids(): Promise<number[]>;
}

export type CpuSnapshot = Map<string, Map<number, number>>;

export async function snapshot(groups: CpuGroup[]): Promise<CpuSnapshot> {
  const taken: CpuSnapshot = new Map();
  for (const group of groups) {
    const perPid = new Map<number, number>();
    for (const pid of await group.pids()) {
      const seconds = cpuSeconds(pid);
      if (seconds !== undefined) perPid.set(pid, seconds);
    }
    taken.set(group.name, perPid);
  }
  return taken;
}

/** CPU seconds each group spent between two snapshots; a process born in between counts from 0. */
export function spent(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const result = new Map<string, number>();
  for (const [name, perPid] of after) {
    let sum = 0;
    for (const [pid, seconds] of perPid) sum += seconds - (before.get(name)?.get(pid) ?? 0);
    result.set(name, sum);
  }
  return result;
}
