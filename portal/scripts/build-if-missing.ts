// Before `npm start`: builds the portal when portal/dist is missing (a fresh clone), not on every start.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const portal = join(import.meta.dirname, '..');
if (!existsSync(join(portal, 'dist', 'index.html'))) {
  console.log('[parvis] building the portal once (npm run build rebuilds it after changes)');
  const build = spawnSync('npm', ['run', 'build'], { cwd: portal, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
