import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One throw-away PostgreSQL cluster for the run (the postgres:// backend's tests).
    globalSetup: ['test/helpers/pg-cluster.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
