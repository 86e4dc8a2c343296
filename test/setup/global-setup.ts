import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../../src/testkit/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

/** One PostgreSQL server per test run (embedded, or DATABASE_URL) with a migrated template database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Pure unit tests can run without a database (used while developing the protocol toolkit).
  if (process.env.CARDBRIDGE_TEST_NO_DB === '1') return async () => {};
  const postgres = await startTestPostgres({ databaseUrl: process.env.DATABASE_URL || undefined });
  project.provide('adminUrl', postgres.adminUrl);
  project.provide('templateDatabase', postgres.templateDatabase);
  return () => postgres.stop();
}
