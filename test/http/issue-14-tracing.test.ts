/**
 * Issue 14: with an OTLP endpoint configured, one SCIM request is one trace whose spans go HTTP → provisioning port
 * (domain) → SQL, continuing the caller's W3C `traceparent`. The collector is a local OTLP/HTTP receiver that
 * takes the JSON the exporter sends.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { entraUser, gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { eventually } from '../jobs/helpers/jobs-host.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}
const KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 };

/** A collector that keeps every span POSTed to /v1/traces (and the content types and resources it saw). */
async function startReceiver(): Promise<{ url: string; spans: OtlpSpan[]; contentTypes: Set<string>; services: Set<string>; close(): Promise<void> }> {
  const spans: OtlpSpan[] = [];
  const contentTypes = new Set<string>();
  const services = new Set<string>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') return void response.writeHead(404).end();
      contentTypes.add(String(request.headers['content-type']));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resourceSpans of body.resourceSpans ?? []) {
        for (const a of resourceSpans.resource?.attributes ?? []) if (a.key === 'service.name') services.add(a.value.stringValue);
        for (const scope of resourceSpans.scopeSpans ?? []) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
    services,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value && (value.stringValue ?? value.intValue ?? value.boolValue);
};

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let host: TestHost;
let client: ScimClient;
beforeAll(async () => {
  receiver = await startReceiver();
  host = await startHost({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'cardbridge-test', OTEL_BSP_SCHEDULE_DELAY: '100' } });
  const directory = await host.createDirectory({ org: 'traced', provider: 'entra' });
  client = scimClient(directory.tenantUrl, directory.secretToken);
});
afterAll(async () => {
  await host?.close();
  await receiver?.close();
});

describe('traces over OTLP/HTTP', () => {
  it('makes one trace of a SCIM create: HTTP → provisioning port → SQL, under the caller’s traceparent', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const created = await client.post('/Users', entraUser(1, 'traced.example'), { traceparent: `00-${traceId}-${callerSpanId}-01` });
    expect(created.status).toBe(201);

    const trace = () => receiver.spans.filter((s) => s.traceId === traceId);
    await eventually(() => trace().some((s) => s.kind === KIND.SERVER), 15_000, 'the request span');
    const spans = trace();
    const http = spans.find((s) => s.kind === KIND.SERVER)!;
    expect(http.parentSpanId).toBe(callerSpanId);
    expect(http.name).toBe('POST /scim/entra/:directoryId/Users');
    expect(attribute(http, 'http.response.status_code')).toBe(201);
    expect(attribute(http, 'cardbridge.route_family')).toBe('scim-users');

    const domain = spans.filter((s) => s.kind === KIND.INTERNAL && s.name === 'provisioning.users.create');
    expect(domain).toHaveLength(1);
    expect(domain[0]!.parentSpanId).toBe(http.spanId);

    const sql = spans.filter((s) => s.kind === KIND.CLIENT && attribute(s, 'db.system.name') === 'postgresql');
    const underDomain = sql.filter((s) => s.parentSpanId === domain[0]!.spanId);
    expect(underDomain.some((s) => /insert into app_user/i.test(String(attribute(s, 'db.query.text'))))).toBe(true);
    // every SQL span of the trace hangs under a span of the same trace; none carries the statement's values
    const ids = new Set(spans.map((s) => s.spanId));
    for (const s of sql) expect(ids.has(s.parentSpanId!)).toBe(true);
    expect(JSON.stringify(sql)).not.toContain('traced.example');
    expect(receiver.services).toEqual(new Set(['cardbridge-test']));
    expect([...receiver.contentTypes]).toEqual(['application/json']);
  });

  it('starts a new trace for a request without traceparent, and traces GraphQL down to SQL', async () => {
    const seen = new Set(receiver.spans.map((s) => s.traceId));
    const response = await gql(host, '{ users(first: 5) { totalCount } }', {}, await productToken({ org: 'traced', role: 'admin' }));
    expect(response.data.users.totalCount).toBe(1);
    const http = await eventually(() => receiver.spans.find((s) => !seen.has(s.traceId) && s.kind === KIND.SERVER && attribute(s, 'cardbridge.route_family') === 'graphql'), 15_000, 'the GraphQL request span');
    expect(http.parentSpanId ?? '').toBe('');
    await eventually(() => receiver.spans.some((s) => s.traceId === http.traceId && s.kind === KIND.CLIENT && s.parentSpanId === http.spanId), 15_000, 'SQL under the GraphQL request');
  });

  it('sends no span for SQL outside a request (pollers, flushes)', async () => {
    const traces = new Set(receiver.spans.filter((s) => s.kind === KIND.SERVER).map((s) => s.traceId));
    expect(receiver.spans.filter((s) => !traces.has(s.traceId))).toEqual([]);
  });
});
