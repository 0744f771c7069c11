// npm run test:exports: the real third-party export files in ../shared/fixtures.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/exports/**/*.test.ts'],
    globalSetup: ['test/helpers/temp-root.ts', 'test/helpers/pg-cluster.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
