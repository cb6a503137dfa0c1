import { defineConfig } from 'vitest/config';

// Two projects: unit tests beside the code (fast, parallel) and cross-package tests in test/
// that start real services (Temporal, PostgreSQL, SMTP), run one file at a time on 2 cores.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // first and alone: beside the cross-package tests, its two forks would share the two cores
          // with whichever of those ran first (a browser, Lighthouse)
          sequence: { groupOrder: 0 },
          include: ['{engine,workers,graphql,scripts,processes,designer}/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/**/*.test.ts'],
          // test/cluster runs on its own: `npm run test:cluster` (it restarts the machine's PostgreSQL).
          exclude: ['**/node_modules/**', 'test/bench/**', 'test/cluster/**'],
          fileParallelism: false,
          globalSetup: ['test/support/workflow-bundle.ts', 'test/support/demo-database.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
