import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real third-party exports are checked apart: npm run test:exports.
    exclude: ['test/exports/**', '**/node_modules/**'],
    // One throw-away PostgreSQL cluster for the run (the postgres:// backend's tests).
    globalSetup: ['test/helpers/temp-root.ts', 'test/helpers/pg-cluster.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
