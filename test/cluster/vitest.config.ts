import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The cluster fault tests (`npm run test:cluster`): the real Temporal server in four processes on
// the machine's PostgreSQL (DATABASE_URL), which they restart. Never part of `npm test` or CI.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/cluster/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
