import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RunningParvis } from './parvis.ts';

/** Runs `npx parvis verify <tracking code>` against the test database, as an auditor would. */
export async function runVerify(parvis: RunningParvis, trackingCode: string) {
  const o = parvis.sql.options;
  const url = `postgres://${o.user}${o.pass ? `:${o.pass}` : ''}@${o.host[0]}:${o.port[0]}/${o.database}`;
  try {
    const { stdout } = await promisify(execFile)('npx', ['parvis', 'verify', trackingCode], {
      env: { ...process.env, DATABASE_URL: url },
    });
    return { exitCode: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { exitCode: failed.code, stdout: failed.stdout };
  }
}
