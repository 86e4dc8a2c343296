/**
 * Provider metadata through the plugin API (issue 13 item 2): each installed plugin's display name, logo,
 * description, setup steps and mapping choices reach GraphQL's `directoryProviders` as data, a partner's plugin
 * defined here appears without host changes, logos are served inert, and bad metadata stops start-up naming the plugin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import entra from '../../plugins/entra/src/index.js';
import okta from '../../plugins/okta/src/index.js';
import { definePlugin, type PortalMetadata } from '../../src/plugin-api/index.js';
import { codeOf, gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const PARTNER_LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#f80"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)" style="opacity:.9"/></svg>';

const partnerPortal: PortalMetadata = {
  displayName: 'Acme IdP',
  description: 'Acme IdP pushes its people to cardbridge.',
  logoSvg: PARTNER_LOGO,
  docsUrl: 'https://docs.acme.example/scim',
  matchingAttributes: [{ attribute: 'externalId', providerAttribute: 'employeeUuid', description: 'Acme always sends externalId.', isDefault: true }],
  setupSteps: [
    {
      title: 'Open Acme → Outbound sync',
      body: 'Paste {tenantUrl} as the endpoint.\nThen paste the token of {directoryName}.',
      values: [
        { label: 'Endpoint', placeholder: 'tenantUrl' },
        { label: 'API key', placeholder: 'secretToken' },
      ],
      links: [{ label: 'Acme docs', url: 'https://docs.acme.example/scim/outbound' }],
    },
  ],
};

const partner = definePlugin({ name: 'acme-idp', version: '0.4.0', apiVersion: '^1.3.0', portal: partnerPortal, setup: () => {} });
const bare = definePlugin({ name: 'bare', version: '1.0.0', apiVersion: '^1.0.0', setup: () => {} });

const PROVIDERS = `{ directoryProviders { name version displayName description logoUrl docsUrl supportsOAuth
  setupSteps { title body values { label placeholder } links { label url } }
  matchingAttributes { attribute providerAttribute description isDefault } } }`;

let host: TestHost;
let admin: string;

beforeAll(async () => {
  host = await startHost({ plugins: [entra, okta, partner, bare] });
  await host.createDirectory({ org: 'acme', provider: 'entra' });
  admin = await productToken({ org: 'acme', role: 'admin' });
});
afterAll(async () => await host?.close());

describe('directoryProviders', () => {
  it('lists every installed plugin in load order, a partner plugin with its own metadata', async () => {
    const response = await gql(host, PROVIDERS, {}, admin);
    expect(response.errors).toBeUndefined();
    const providers = response.data.directoryProviders;
    expect(providers.map((p: { name: string }) => p.name)).toEqual(['entra', 'okta', 'acme-idp', 'bare']);
    expect(providers[2]).toEqual({
      name: 'acme-idp',
      version: '0.4.0',
      displayName: 'Acme IdP',
      description: 'Acme IdP pushes its people to cardbridge.',
      logoUrl: `${host.config.publicUrl}/portal/providers/acme-idp/logo.svg`,
      docsUrl: 'https://docs.acme.example/scim',
      supportsOAuth: false,
      setupSteps: [
        {
          title: 'Open Acme → Outbound sync',
          body: 'Paste {tenantUrl} as the endpoint.\nThen paste the token of {directoryName}.',
          values: [
            { label: 'Endpoint', placeholder: 'TENANT_URL' },
            { label: 'API key', placeholder: 'SECRET_TOKEN' },
          ],
          links: [{ label: 'Acme docs', url: 'https://docs.acme.example/scim/outbound' }],
        },
      ],
      matchingAttributes: [{ attribute: 'EXTERNAL_ID', providerAttribute: 'employeeUuid', description: 'Acme always sends externalId.', isDefault: true }],
    });
    // A plugin without metadata is still offered, under its name, matching by userName.
    expect(providers[3]).toMatchObject({ name: 'bare', displayName: 'bare', description: null, logoUrl: null, setupSteps: [], matchingAttributes: [{ attribute: 'USER_NAME', isDefault: true }] });
  });

  it("gives Entra's steps in the admin center's order, with the Tenant URL and Secret Token to paste and OAuth", async () => {
    const { data } = await gql(host, PROVIDERS, {}, admin);
    const entraProvider = data.directoryProviders[0];
    expect(entraProvider).toMatchObject({ displayName: 'Microsoft Entra ID', supportsOAuth: true, logoUrl: `${host.config.publicUrl}/portal/providers/entra/logo.svg` });
    const bodies = entraProvider.setupSteps.map((s: { title: string; body: string }) => `${s.title}\n${s.body}`).join('\n');
    const order = ['Enterprise applications → New application → Create your own application', 'Non-gallery', 'Provisioning Mode to Automatic', 'Test Connection', 'Mappings', 'userName ← userPrincipalName', 'Users and groups', 'Provisioning Status to On'];
    const positions = order.map((phrase) => bodies.indexOf(phrase));
    expect(positions.every((p: number) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const credentials = entraProvider.setupSteps.find((s: { values: unknown[] }) => s.values.length);
    expect(credentials.values).toEqual([
      { label: 'Tenant URL', placeholder: 'TENANT_URL' },
      { label: 'Secret Token', placeholder: 'SECRET_TOKEN' },
    ]);
    expect(entraProvider.matchingAttributes.map((c: { attribute: string; providerAttribute: string }) => `${c.attribute}←${c.providerAttribute}`)).toEqual(['USER_NAME←userPrincipalName', 'EXTERNAL_ID←objectId']);
    for (const step of entraProvider.setupSteps) for (const link of step.links) expect(link.url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    const oktaProvider = data.directoryProviders[1];
    expect(oktaProvider).toMatchObject({ displayName: 'Okta', supportsOAuth: false });
    expect(oktaProvider.setupSteps.flatMap((s: { values: { label: string }[] }) => s.values.map((v) => v.label))).toEqual(['SCIM connector base URL', 'Authorization (Bearer)']);
  });

  it('answers a directory’s own provider with it, and refuses members and anonymous callers', async () => {
    const { data, errors } = await gql(host, '{ directories { provider providerDetails { name displayName setupSteps { title } } } }', {}, admin);
    expect(errors).toBeUndefined();
    expect(data.directories[0]).toMatchObject({ provider: 'entra', providerDetails: { name: 'entra', displayName: 'Microsoft Entra ID' } });
    expect(data.directories[0].providerDetails.setupSteps.length).toBeGreaterThanOrEqual(5);
    expect(codeOf(await gql(host, PROVIDERS, {}, await productToken({ org: 'acme', role: 'member' })))).toBe('FORBIDDEN');
    expect(codeOf(await gql(host, PROVIDERS))).toBe('UNAUTHENTICATED');
    const viewer = await gql(host, '{ directoryProviders { name } }', {}, await productToken({ org: 'acme', role: 'viewer' }));
    expect(viewer.data.directoryProviders).toHaveLength(4);
  });
});

describe('GET /portal/providers/<name>/logo.svg', () => {
  it('serves the logo as SVG under a policy that runs nothing, never sniffed, with an ETag', async () => {
    const response = await fetch(`${host.url}/portal/providers/acme-idp/logo.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(PARTNER_LOGO);
    const etag = response.headers.get('etag')!;
    const again = await fetch(`${host.url}/portal/providers/acme-idp/logo.svg`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${host.url}/portal/providers/entra/logo.svg`)).status).toBe(200);
  });

  it('answers 404 for a provider without a logo or not installed, 405 for other methods', async () => {
    for (const name of ['bare', 'nobody']) {
      const response = await fetch(`${host.url}/portal/providers/${name}/logo.svg`);
      expect(response.status).toBe(404);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await fetch(`${host.url}/portal/providers/entra/logo.svg`, { method: 'POST' })).status).toBe(405);
  });
});

describe('portal metadata is checked when the plugin loads', () => {
  const withPortal = (portal: unknown) => definePlugin({ name: 'shady', version: '1.0.0', apiVersion: '^1.3.0', portal: portal as PortalMetadata, setup: () => {} });
  const step = { title: 'Do it', body: 'Paste {tenantUrl}.' };
  const cases: [string, unknown, string][] = [
    ['a script in the logo', { ...partnerPortal, logoSvg: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' }, 'portal.logoSvg must not hold a <script> element'],
    ['an event handler in the logo', { ...partnerPortal, logoSvg: '<svg xmlns="http://www.w3.org/2000/svg" onload="x()"></svg>' }, 'portal.logoSvg must not hold an event-handler attribute'],
    ['an external reference in the logo', { ...partnerPortal, logoSvg: '<svg xmlns="http://www.w3.org/2000/svg"><a href="https://evil.example">x</a></svg>' }, 'portal.logoSvg must not hold a reference to something outside the logo'],
    ['a logo that is not SVG', { ...partnerPortal, logoSvg: '<html></html>' }, 'portal.logoSvg must be one <svg …>…</svg> element'],
    ['an unknown placeholder', { ...partnerPortal, setupSteps: [{ ...step, body: 'Paste {password}.' }] }, 'portal.setupSteps[0].body names the unknown placeholder {password}'],
    ['a value with an unknown placeholder', { ...partnerPortal, setupSteps: [{ ...step, values: [{ label: 'x', placeholder: 'clientSecret' }] }] }, 'portal.setupSteps[0].values[0].placeholder must be one of tenantUrl'],
    ['a link that is not https', { ...partnerPortal, setupSteps: [{ ...step, links: [{ label: 'x', url: 'javascript:alert(1)' }] }] }, 'portal.setupSteps[0].links[0].url must be an https: URL'],
    ['no steps', { ...partnerPortal, setupSteps: [] }, 'portal.setupSteps must hold at least 1'],
    ['no display name', { ...partnerPortal, displayName: '' }, 'portal.displayName must be a non-empty string'],
    ['two defaults', { ...partnerPortal, matchingAttributes: [{ attribute: 'userName', providerAttribute: 'a', description: 'a', isDefault: true }, { attribute: 'externalId', providerAttribute: 'b', description: 'b', isDefault: true }] }, 'portal.matchingAttributes must mark at most one choice isDefault'],
  ];
  it.each(cases)('refuses %s, naming the plugin and the field', async (_what, portal, message) => {
    await expect(startHost({ plugins: [withPortal(portal)] })).rejects.toThrow(`plugin "shady" has invalid portal metadata: ${message}`);
  });
});
