// Temporal's two databases, created and brought to the server's schema: safe to run at every start
// (`create` and `setup-schema` skip what exists, `update-schema` applies only what is missing).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TemporalServerBinaries } from './server-binaries.ts';
import type { ClusterSettings } from './settings.ts';

const run = promisify(execFile);

export async function prepareTemporalDatabases(
  binaries: TemporalServerBinaries,
  settings: ClusterSettings,
): Promise<void> {
  // The schemas ship inside the tool, under these names.
  const databases = [
    { name: settings.temporalDatabase, schema: 'postgresql/v12/temporal' },
    { name: settings.visibilityDatabase, schema: 'postgresql/v12/visibility' },
  ];
  const server = new URL(settings.databaseUrl);
  const connection = [
    ...['--plugin', 'postgres12', '--ep', server.hostname, '-p', server.port || '5432'],
    ...['-u', decodeURIComponent(server.username)],
    ...(server.password ? ['--pw', decodeURIComponent(server.password)] : []),
  ];
  for (const { name, schema } of databases) {
    const tool = async (...args: string[]) => {
      try {
        await run(binaries.sql, [...connection, '--db', name, ...args]);
      } catch (error) {
        const output = (error as { stderr?: string }).stderr ?? String(error);
        throw new Error(`sql ${args[0]} on ${name} failed:\n${output.slice(-2000)}`);
      }
    };
    await tool('create');
    await tool('setup-schema', '-v', '0.0');
    await tool('update-schema', '--schema-name', schema);
  }
}
