import { defineConfig } from 'vitest/config';

// One `npm test` runs every suite: node-side unit/integration tests, the web components (jsdom)
// and the browser end-to-end suite (Debian chromium).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: ['packages/web/**', '**/node_modules/**'],
        },
      },
      'packages/web/vitest.config.ts',
      'test/e2e/vitest.config.ts',
    ],
  },
});
