// What the machine says about its processes, read from Linux's /proc. Elsewhere every answer is
// "unknown" (undefined), and callers fall back to saying less.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';

/** The arguments a process runs with; undefined when it is gone, a zombie (no arguments left) or unreadable. */
export function commandLine(pid: number): string[] | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return args.length > 0 ? args : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process runs the script file at `script` (an absolute path), however it was named to it. */
export function runsScript(pid: number, script: string): boolean {
  const args = commandLine(pid);
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    return args?.some((arg) => resolve(cwd, arg) === script) ?? false;
  } catch {
    return false;
  }
}

/** The process listening on a TCP port, with its command line, when /proc lets us see it. */
export function portHolder(port: number): { pid: number; command: string } | undefined {
  const sockets = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').trim().split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode; st 0A is LISTEN
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
      if (state === '0A' && Number.parseInt(local!.split(':')[1]!, 16) === port) sockets.add(`socket:[${inode}]`);
    }
  }
  if (sockets.size === 0) return undefined;
  for (const entry of safeReaddir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    for (const fd of safeReaddir(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (sockets.has(target)) return { pid, command: (commandLine(pid) ?? ['?']).join(' ') };
    }
  }
  return undefined;
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
