// `npm start` only: everything runs on this machine, so its master key can too. A production
// installation sets PARVIS_MASTER_KEY itself (start:worker and start:api refuse to start without it).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MASTER_KEY_SETTING } from '@parvis/workers';

/**
 * The environment with a master key: PARVIS_MASTER_KEY when set, else the one kept in the data
 * folder (`master-key`, readable by its owner only), drawn the first time.
 */
export async function withLocalMasterKey(
  dataDir: string,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<Record<string, string | undefined>> {
  if (env[MASTER_KEY_SETTING]) return env;
  const file = join(dataDir, 'master-key');
  if (!existsSync(file)) {
    await writeFile(file, `local:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    log(`master key drawn into ${file} (set ${MASTER_KEY_SETTING} to use your own)`);
  }
  return { ...env, [MASTER_KEY_SETTING]: (await readFile(file, 'utf8')).trim() };
}
