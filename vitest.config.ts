import { defineConfig } from 'vitest/config';

// Two projects: unit tests beside the code (fast, parallel) and cross-package tests in test/
// that start real services (Temporal, PostgreSQL, SMTP), run one file at a time on 2 cores.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{engine,workers,graphql,scripts,processes,designer}/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/bench/**'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
