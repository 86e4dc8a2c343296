import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, entraOrganization, gql, productToken, provisionUsers, ROLES, type Role } from './graphql-helpers.js';

let host: TestHost;
const tokens = {} as Record<Role, string>;
let organizationId: string;

const UPDATE = `mutation($input: UpdateOrganizationInput!) {
  updateOrganization(input: $input) { organization { id name emailDomains microsoftSignIn seats { limit used available } } }
}`;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const update = (role: Role, input: Record<string, unknown>) => gql(host, UPDATE, { input }, tokens[role]);

/** The stored row and seat pool, read past the API. */
async function stored(): Promise<{ name: string; seat_limit: number; email_domains: string[]; entra_tenant_id: string | null; microsoft_sign_in: boolean; seats: number }> {
  const [row] = await host.query<{ name: string; seat_limit: number; email_domains: string[]; entra_tenant_id: string | null; microsoft_sign_in: boolean; seats: number }>(
    'select name, seat_limit, email_domains, entra_tenant_id, microsoft_sign_in, (select count(*)::int from seat s where s.organization_id = o.id) as seats from organization o where id = $1',
    [organizationId],
  );
  return row!;
}

beforeAll(async () => {
  host = await startHost();
  const acme = await entraOrganization(host, 'acme', 10);
  organizationId = acme.organizationId;
  await provisionUsers(acme.client, 1, 4);
  for (const role of ROLES) tokens[role] = await productToken({ org: 'acme', role });
});
afterAll(async () => await host?.close());

describe('updateOrganization: seats (owners only)', () => {
  it('lets the owner raise and lower the seat limit; seats follow at once', async () => {
    const raised = await update('owner', { seatLimit: 12 });
    expect(raised.errors).toBeUndefined();
    expect(raised.data.updateOrganization.organization.seats).toEqual({ limit: 12, used: 4, available: 8 });
    const lowered = await update('owner', { seatLimit: 6 });
    expect(lowered.data.updateOrganization.organization.seats).toEqual({ limit: 6, used: 4, available: 2 });
    const read = await gql(host, '{ organization { seats { limit used available } } }', {}, tokens.viewer);
    expect(read.data.organization.seats).toEqual({ limit: 6, used: 4, available: 2 });
    expect(await stored()).toMatchObject({ seat_limit: 6, seats: 6 });
    expect((await update('owner', { seatLimit: 4 })).data.updateOrganization.organization.seats).toEqual({ limit: 4, used: 4, available: 0 });
  });

  it('refuses to lower the limit below the seats in use (CONFLICT) and changes nothing, not even the name', async () => {
    const before = await stored();
    const refused = await update('owner', { seatLimit: 3, name: 'Renamed in vain' });
    expect(refused.errors?.[0]).toMatchObject({ message: 'cannot lower the seat limit to 3: 4 seats are in use', extensions: { code: 'CONFLICT', field: 'seatLimit' } });
    expect(refused.data).toBeNull();
    expect(await stored()).toEqual(before);
    const read = await gql(host, '{ organization { name seats { limit used available } } }', {}, tokens.owner);
    expect(read.data.organization).toEqual({ name: before.name, seats: { limit: before.seat_limit, used: 4, available: before.seat_limit - 4 } });
  });

  it('refuses seat limits outside 0–1000000 (BAD_USER_INPUT)', async () => {
    for (const seatLimit of [-1, 1_000_001]) {
      const refused = await update('owner', { seatLimit });
      expect(refused.errors?.[0]).toMatchObject({ message: 'seatLimit must be a whole number between 0 and 1000000', extensions: { code: 'BAD_USER_INPUT', field: 'seatLimit' } });
    }
  });
});

describe('updateOrganization: name and e-mail domains (admins and owners)', () => {
  it('lets an admin rename and set domains (lower-cased, de-duplicated)', async () => {
    const changed = await update('admin', { name: '  Acme Corporation ', emailDomains: [' Acme.COM', 'acme.com', 'mail.acme.co.uk', 'xn--bcher-kva.example'] });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updateOrganization.organization).toMatchObject({ name: 'Acme Corporation', emailDomains: ['acme.com', 'mail.acme.co.uk', 'xn--bcher-kva.example'] });
    expect(await stored()).toMatchObject({ name: 'Acme Corporation', email_domains: ['acme.com', 'mail.acme.co.uk', 'xn--bcher-kva.example'] });
    const cleared = await update('owner', { emailDomains: [] });
    expect(cleared.data.updateOrganization.organization.emailDomains).toEqual([]);
    const omitted = await update('admin', { emailDomains: ['acme.com'], name: null });
    expect(omitted.data.updateOrganization.organization).toMatchObject({ name: 'Acme Corporation', emailDomains: ['acme.com'] });
  });

  it('refuses the owner-only settings to an admin (FORBIDDEN naming the field) and changes nothing', async () => {
    const before = await stored();
    const cases: [Record<string, unknown>, string][] = [
      [{ seatLimit: 20 }, 'seatLimit'],
      [{ name: 'Sneaky', seatLimit: 20 }, 'seatLimit'],
      [{ microsoftSignIn: true, entraTenantId: TENANT }, 'microsoftSignIn'],
      [{ entraTenantId: TENANT }, 'entraTenantId'],
      [{ entraTenantId: null }, 'entraTenantId'],
    ];
    for (const [input, field] of cases) {
      const refused = await update('admin', input);
      expect(refused.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'FORBIDDEN', field });
    }
    expect((await update('admin', { seatLimit: 20 })).errors?.[0]?.message).toBe('the admin role may not change the seat limit');
    expect(await stored()).toEqual(before);
  });

  it('refuses every change to editors, viewers and members, and UNAUTHENTICATED without a token', async () => {
    const before = await stored();
    for (const role of ['editor', 'viewer', 'member'] as const) {
      const refused = await update(role, { name: `Renamed by ${role}` });
      expect(refused.errors?.[0], role).toMatchObject({ message: `the ${role} role may not change the organization's name or e-mail domains`, extensions: { code: 'FORBIDDEN' } });
    }
    expect(codeOf(await gql(host, UPDATE, { input: { name: 'Anonymous' } }))).toBe('UNAUTHENTICATED');
    expect(await stored()).toEqual(before);
  });

  it('answers BAD_USER_INPUT naming the field for an invalid name or domain', async () => {
    const before = await stored();
    for (const name of ['   ', 'x'.repeat(201)]) {
      expect((await update('admin', { name })).errors?.[0]).toMatchObject({ message: 'name must be 1–200 characters', extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
    }
    for (const domain of ['not a domain', 'example', '-acme.com', 'acme-.com', 'acme..com', '10.0.0.1', 'user@acme.com', `${'a'.repeat(64)}.com`, '']) {
      const refused = await update('admin', { emailDomains: ['acme.com', domain] });
      expect(refused.errors?.[0], domain).toMatchObject({ message: `emailDomains: "${domain.trim().toLowerCase()}" is not a domain name like example.com`, extensions: { code: 'BAD_USER_INPUT', field: 'emailDomains' } });
    }
    const tooMany = await update('admin', { emailDomains: Array.from({ length: 51 }, (_, i) => `d${i}.example.com`) });
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'emailDomains may list at most 50 domains (got 51)', extensions: { code: 'BAD_USER_INPUT', field: 'emailDomains' } });
    const fiftyWithDuplicates = await update('admin', { emailDomains: Array.from({ length: 60 }, (_, i) => `d${i % 50}.example.com`) });
    expect(fiftyWithDuplicates.data.updateOrganization.organization.emailDomains).toHaveLength(50);
    await update('admin', { emailDomains: before.email_domains });
    expect(await stored()).toEqual(before);
  });
});

describe('updateOrganization: Sign in with Microsoft (owners only)', () => {
  it('needs a tenant id to turn it on (BAD_USER_INPUT), and a GUID as tenant id', async () => {
    const missing = await update('owner', { microsoftSignIn: true });
    expect(missing.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^entraTenantId is required to turn on Sign in with Microsoft/), extensions: { code: 'BAD_USER_INPUT', field: 'entraTenantId' } });
    expect(codeOf(await update('owner', { microsoftSignIn: true, entraTenantId: null }))).toBe('BAD_USER_INPUT');
    for (const entraTenantId of ['contoso.onmicrosoft.com', '72f988bf86f141af91ab2d7cd011db47', `${TENANT}0`, '']) {
      const refused = await update('owner', { microsoftSignIn: true, entraTenantId });
      expect(refused.errors?.[0]?.extensions, entraTenantId).toEqual({ code: 'BAD_USER_INPUT', field: 'entraTenantId' });
      expect(refused.errors?.[0]?.message).toMatch(/^entraTenantId must be a GUID/);
    }
    expect(await stored()).toMatchObject({ microsoft_sign_in: false, entra_tenant_id: null });
  });

  it('turns it on for the connected tenant (matched lower-cased), keeps the tenant, and off again', async () => {
    // Connecting a new tenant needs proof from it (test/graphql/issue-11-tenant-claims.test.ts); here it is connected.
    expect(codeOf(await update('owner', { microsoftSignIn: true, entraTenantId: TENANT }))).toBe('FORBIDDEN');
    await host.query('update organization set entra_tenant_id = $1, entra_tenant_verified_at = now() where id = $2', [TENANT, organizationId]);
    const on = await update('owner', { microsoftSignIn: true, entraTenantId: ` ${TENANT.toUpperCase()} ` });
    expect(on.errors).toBeUndefined();
    expect(on.data.updateOrganization.organization.microsoftSignIn).toBe(true);
    expect(await stored()).toMatchObject({ microsoft_sign_in: true, entra_tenant_id: TENANT });
    const clearWhileOn = await update('owner', { entraTenantId: null });
    expect(clearWhileOn.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^entraTenantId cannot be removed while Sign in with Microsoft is on/), extensions: { code: 'BAD_USER_INPUT', field: 'entraTenantId' } });
    expect((await update('owner', { microsoftSignIn: false })).data.updateOrganization.organization.microsoftSignIn).toBe(false);
    expect((await update('owner', { microsoftSignIn: true })).data.updateOrganization.organization.microsoftSignIn).toBe(true);
    expect((await update('owner', { microsoftSignIn: false, entraTenantId: null })).errors).toBeUndefined();
    expect(await stored()).toMatchObject({ microsoft_sign_in: false, entra_tenant_id: null });
  });
});

describe('viewer { permissions }', () => {
  it('lists organization:update for admins and owners, seats:manage and sign-in:manage for owners only', async () => {
    const permissions = async (role: Role) => (await gql(host, '{ viewer { permissions } }', {}, tokens[role])).data.viewer.permissions as string[];
    expect(await permissions('owner')).toEqual(expect.arrayContaining(['organization:update', 'seats:manage', 'sign-in:manage']));
    const admin = await permissions('admin');
    expect(admin).toContain('organization:update');
    expect(admin).not.toContain('seats:manage');
    expect(admin).not.toContain('sign-in:manage');
    for (const role of ['editor', 'viewer', 'member'] as const) expect(await permissions(role), role).not.toContain('organization:update');
  });
});
