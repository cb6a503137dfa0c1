// Where a person's data could still be: a dump of the whole database, and every Temporal history as
// Temporal stores it (its protobuf bytes, payloads as they were given to it).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

/** `pg_dump` of the database, as text. */
export async function pgDump(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)('/usr/bin/pg_dump', ['--no-owner', databaseUrl], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return stdout;
}

/** Every workflow's history (closed or running, called processes too), raw, by workflow id. */
export async function exportHistories(temporal: Client): Promise<Map<string, Buffer>> {
  const histories = new Map<string, Buffer>();
  for await (const execution of temporal.workflow.list()) {
    const history = await temporal.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const key = `${execution.workflowId} ${execution.runId}`;
    histories.set(key, Buffer.from(proto.temporal.api.history.v1.History.encode(history).finish()));
  }
  return histories;
}

/** Which of `words` appear in the histories' bytes (read as UTF-8, case-insensitive), as `word in workflow`. */
export function historyHits(histories: Map<string, Buffer>, words: string[]): string[] {
  const hits: string[] = [];
  for (const [workflow, bytes] of histories) {
    const text = bytes.toString('utf8').toLowerCase();
    for (const word of words) if (text.includes(word.toLowerCase())) hits.push(`${word} in ${workflow}`);
  }
  return hits;
}

/** The tables (COPY sections) of a dump whose rows hold one of `words`, as `word in table`. */
export function dumpHits(dump: string, words: string[]): string[] {
  const hits = new Set<string>();
  let table = '(schema)';
  for (const line of dump.split('\n')) {
    if (line.startsWith('COPY ')) table = line.split(' ')[1]!;
    const lower = line.toLowerCase();
    for (const word of words) if (lower.includes(word.toLowerCase())) hits.add(`${word} in ${table}`);
  }
  return [...hits];
}
