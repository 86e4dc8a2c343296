/**
 * `cardbridge/plugin-testkit`: vitest helpers that boot a real cardbridge host (real PostgreSQL, real HTTP) with
 * the plugin under test, and the provider conformance suite. Released in lockstep with cardbridge.
 * @packageDocumentation
 */
export { describeProviderConformance, type ConformanceOptions } from './conformance.js';
export { startTestHost, TEST_JWT_SECRET, type TestHost, type TestHostOptions } from './host.js';
export { startTestPostgres, createTestDatabase, type TestPostgres, type TestDatabase } from './postgres.js';
export { scimClient, type ScimClient, type ScimResponse } from './scim-client.js';
