import { inject } from 'vitest';
import { startTestHost, type TestHost, type TestHostOptions } from '../../src/testkit/host.js';

/** Starts a host on this file's own database (copied from the run's migrated template). */
export async function startHost(options: Omit<TestHostOptions, 'postgres'> = {}): Promise<TestHost> {
  return await startTestHost({ ...options, postgres: { adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') } });
}

export type { TestHost };
