// Vitest global setup: one throw-away PostgreSQL server for the whole run,
// stopped at the end whether the tests passed or not.
import type { TestProject } from 'vitest/node';
import { startPgServer } from './pg-server';

declare module 'vitest' {
  export interface ProvidedContext {
    pgBase: string;
    pgPort: number;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPgServer();
  project.provide('pgBase', server.base);
  project.provide('pgPort', server.port);
  return () => server.stop();
}
