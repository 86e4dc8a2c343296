import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { scimClient, startTestHost, type ScimClient, type TestHost } from 'cardbridge/plugin-testkit';
import entra from '../src/index.js';

export const fixtures = JSON.parse(readFileSync(new URL('./fixtures/microsoft-examples.json', import.meta.url), 'utf8'));

/** A fixture with `{{placeholders}}` filled in. */
export function fill<T>(fixture: T, values: Record<string, string>): T {
  return JSON.parse(JSON.stringify(fixture).replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? `{{${key}}}`));
}

export async function startEntraHost(env: Record<string, string> = {}): Promise<TestHost> {
  return await startTestHost({ postgres: { adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') }, plugins: [entra], env });
}

export async function entraDirectory(host: TestHost, org: string, settings: Record<string, unknown> = {}, seats = 100): Promise<{ client: ScimClient; directoryId: string; organizationId: string; tenantUrl: string; secretToken: string }> {
  const dir = await host.createDirectory({ org, provider: 'entra', seats, settings });
  return { ...dir, client: scimClient(dir.tenantUrl, dir.secretToken) };
}

export const filter = (expression: string) => `?filter=${encodeURIComponent(expression)}`;
