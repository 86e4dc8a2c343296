/**
 * Issue 11 item 3: vCard injection. A bare CR (or VT, FF, NEL, U+2028, U+2029) ends a line for common vCard readers,
 * so a directory (any attribute that reaches a card) or a holder (updateMyCard) could forge a second contact with
 * another phone and e-mail in `/c/<slug>.vcf`. Proven over HTTP (SCIM and GraphQL in, GET /c/… out) with three
 * readers: ical.js, vcard4 and a line reader that ends lines the way Python's vobject does.
 */
import fc from 'fast-check';
import ICAL from 'ical.js';
import QRCode from 'qrcode';
import { parse as parseVcard4 } from 'vcard4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardVCard } from '../../src/cards/vcard.js';
import type { PublicCard } from '../../src/cards/public-card.view.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:cardbridge-test:2.0:User';
const EDITABLE = ['displayName', 'givenName', 'familyName', 'title', 'department', 'company', 'emails', 'phones', 'address'];

/** Every code point some reader takes as a line end, and the other controls. */
const BREAKS = ['\r', '\n', '\r\n', '\v', '\f', '\u0085', '\u2028', '\u2029'];
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A forged second contact, its lines separated by `br`. `X-…:` swallows the rest of the line it was put in. */
function forged(br: string, tag: string): string {
  return ['', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:4.0', `FN:Mallory ${tag}`, 'TEL;VALUE=uri:tel:+15550006666', 'EMAIL:mallory@evil.example', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:4.0', `X-${tag}:`].join(br);
}

/** The same forgery without digits, for phone numbers (the tel: URI keeps the digits of the value). */
function forgedNoDigits(br: string): string {
  return ['', 'END:VCARD', 'BEGIN:VCARD', 'FN:Mallory', 'EMAIL:mallory@evil.example', 'END:VCARD', 'BEGIN:VCARD', 'X-A:'].join(br);
}

/** What a single-line value becomes: each run of breaks and tabs one space, other controls gone, lone surrogates U+FFFD, trimmed. */
const flat = (text: string) =>
  text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();

/**
 * The logical lines of a vCard as Python's vobject reads them: a line ends at `\r\n`, `\r` or `\n`, and a line end
 * followed by a space or tab is a fold (vobject's `patterns['lineend']` and `patterns['wrap']`).
 */
function vobjectLines(text: string): string[] {
  return text
    .replace(/(?:\r\n|\r|\n)[ \t]/g, '')
    .split(/\r\n|\r|\n/)
    .filter((line) => line !== '');
}

interface Expected {
  emails: string[];
  tels: string[];
}

/** `text` is exactly one contact for every reader, with exactly the e-mail addresses and tel: URIs expected. */
function expectOneContact(text: string, expected: Expected): void {
  // The bytes: CRLF line ends only, no other control character, no physical line over 75 octets (RFC 6350 §3.2).
  expect(text.replace(/\r\n/g, '')).not.toMatch(CONTROLS);
  expect(text.endsWith('END:VCARD\r\n')).toBe(true);
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

  // A reader that ends lines at a bare CR as well (vobject, Java's readLine).
  const lines = vobjectLines(text);
  expect(lines.filter((l) => /^BEGIN:VCARD$/i.test(l))).toHaveLength(1);
  expect(lines.filter((l) => /^END:VCARD$/i.test(l))).toHaveLength(1);
  expect(lines.filter((l) => /^VERSION[:;]/i.test(l))).toHaveLength(1);
  expect(lines.filter((l) => /^FN[:;]/i.test(l))).toHaveLength(1);
  expect(lines.filter((l) => /^EMAIL[:;]/i.test(l))).toHaveLength(expected.emails.length);
  expect(lines.filter((l) => /^TEL[:;]/i.test(l)).map((l) => l.slice(l.indexOf(':') + 1))).toEqual(expected.tels);

  // ical.js (Mozilla's jCard library): one component, the values exactly the expected ones.
  const jcard = ICAL.parse(text) as unknown[];
  expect(jcard[0]).toBe('vcard');
  const card = new ICAL.Component(jcard);
  expect(card.getAllProperties('email').map((p) => p.getFirstValue())).toEqual(expected.emails);
  expect(card.getAllProperties('tel').map((p) => p.getFirstValue())).toEqual(expected.tels);

  // vcard4 (a strict RFC 6350 reader): one vCard (it answers an array of vCards when it finds more), as many
  // EMAIL properties, the same tel: URIs. (Its text decoding has quirks of its own — a bare `;` splits a value, a
  // value that parses as a URL is left escaped — so the exact e-mail values are ical.js's to check.) It also splits
  // at every `BEGIN:VCARD` + CRLF, even at the end of a value (a TITLE of "BEGIN:VCARD"), and then refuses the file:
  // printable text, no injection, and no reader that ends lines at CR or LF is fooled by it.
  if (lines.slice(1).some((line) => /BEGIN:VCARD$/i.test(line))) return;
  const parsed = parseVcard4(text) as { parsedVcard?: { property: string; value: unknown }[] };
  expect(Array.isArray(parsed)).toBe(false);
  const values = (name: string) => parsed.parsedVcard!.filter((p) => p.property === name).map((p) => p.value);
  expect(values('EMAIL')).toHaveLength(expected.emails.length);
  expect(values('TEL')).toEqual(expected.tels);
}

let host: TestHost;
let client: ScimClient;
let organizationId: string;
const get = (path: string) => fetch(`${host.url}${path}`);

beforeAll(async () => {
  host = await startHost({ env: { SCIM_RATE_LIMIT_PER_SECOND: '10000' } });
  const dir = await host.createDirectory({ org: 'vcard-injection', provider: 'entra', settings: { customSchemas: { [CUSTOM]: ['badge'] } } });
  organizationId = dir.organizationId;
  client = scimClient(dir.tenantUrl, dir.secretToken);
  await host.query(`insert into template (organization_id, name, editable_fields) values ($1, 'Editable', $2)`, [organizationId, JSON.stringify(EDITABLE)]);
});
afterAll(async () => await host?.close());

/** Every SCIM attribute that reaches a card (and a custom one that does not), each with a forged contact in it. */
function maliciousUser(userName: string, br: string): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, CUSTOM],
    userName,
    externalId: userName.split('@')[0],
    active: true,
    displayName: `Ada Lovelace${forged(br, 'DN')}`,
    name: { givenName: `Ada${forged(br, 'GN')}`, familyName: `Lovelace${forged(br, 'FN')}`, formatted: `Ada Lovelace${forged(br, 'F')}` },
    title: `Countess${forged(br, 'TITLE')}`,
    emails: [{ primary: true, type: `work${forged(br, 'ET')}`, value: `${userName}${forged(br, 'EMAIL')}` }],
    phoneNumbers: [{ type: `work${forged(br, 'PT')}`, value: `+1 555 0100${forgedNoDigits(br)}` }],
    addresses: [{ type: 'work', streetAddress: `12 Analytical Row${br}Floor 2${forged(br, 'STREET')}`, locality: `London${forged(br, 'L')}`, region: `Greater London${forged(br, 'R')}`, postalCode: `NW1${forged(br, 'PC')}`, country: `GB${forged(br, 'C')}` }],
    [ENTERPRISE]: { department: `Engines${forged(br, 'DEPT')}`, organization: `Babbage & Co${forged(br, 'ORG')}`, employeeNumber: `42${forged(br, 'EN')}` },
    [CUSTOM]: { badge: `B-1${forged(br, 'BADGE')}` },
  };
}

async function slugOf(userId: string): Promise<string> {
  const [card] = await host.query<{ slug: string }>('select slug from card where user_id = $1', [userId]);
  return card!.slug;
}

async function vcardOf(slug: string): Promise<string> {
  const response = await get(`/c/${slug}.vcf`);
  expect(response.status).toBe(200);
  return await response.text();
}

describe('through SCIM: every attribute that reaches a card', () => {
  for (const [i, br] of BREAKS.entries()) {
    it(`keeps one contact when the directory puts ${JSON.stringify(br)} and a forged contact in every field`, async () => {
      const userName = `ada${i}@injection.example`;
      const created = await client.post('/Users', maliciousUser(userName, br));
      expect(created.status).toBe(201);
      const slug = await slugOf(created.body.id);
      const text = await vcardOf(slug);
      expectOneContact(text, { emails: [flat(`${userName}${forged(br, 'EMAIL')}`)], tels: ['tel:+15550100'] });

      // The forgery is text inside the holder's own values, never a property of its own.
      const card = new ICAL.Component(ICAL.parse(text) as unknown[]);
      expect(card.getFirstPropertyValue('title')).toBe(flat(`Countess${forged(br, 'TITLE')}`));
      expect(card.getFirstPropertyValue('fn')).toBe(flat(`Ada Lovelace${forged(br, 'DN')}`));
      const adr = card.getFirstPropertyValue('adr') as unknown as string[];
      // The street may span lines: its break is kept, escaped (RFC 6350 §3.4), and nothing after it is a line.
      expect(adr[2]).toBe(`12 Analytical Row\nFloor 2${forged('\n', 'STREET')}`);
      expect(adr.slice(3)).toEqual([flat(`London${forged(br, 'L')}`), flat(`Greater London${forged(br, 'R')}`), flat(`NW1${forged(br, 'PC')}`), flat(`GB${forged(br, 'C')}`)]);
      expect(text).not.toContain('BADGE');
      expect(text).not.toContain('X-EN');

      // Stored sanitised: what the directory wrote holds no control character but the street's line breaks.
      const [row] = await host.query<{ fields: Record<string, unknown> }>('select fields from card where user_id = $1', [created.body.id]);
      const { address, ...rest } = row!.fields as { address: { streetAddress: string } };
      expect(JSON.stringify(rest)).not.toMatch(/\\[rnbtfv]|\\u00[0-9a-f]{2}|\u2028|\u2029/i);
      expect(address.streetAddress.split('\n')[0]).toBe('12 Analytical Row');
      expect(address.streetAddress).not.toMatch(/[\r\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    });
  }

  it('shows the page and the QR code without a control character or a link to the forged contact', async () => {
    const created = await client.post('/Users', maliciousUser('page@injection.example', '\r'));
    const slug = await slugOf(created.body.id);
    const page = await (await get(`/c/${slug}`)).text();
    expect(page).not.toMatch(/[\r\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(page).not.toContain('href="mailto:mallory');
    expect(page).not.toContain('href="tel:+15550006666"');
    expect(page).toContain('12 Analytical Row<br>Floor 2');
    // The QR code encodes the card URL and nothing the directory sent.
    const qr = await (await get(`/c/${slug}/qr.svg`)).text();
    expect(qr).toBe(await QRCode.toString(`${host.config.publicUrl}/c/${slug}`, { errorCorrectionLevel: 'M', margin: 4, color: { dark: '#111827', light: '#ffffff' }, type: 'svg' }));
  });

  it('keeps one contact for a row stored before the fix, with raw breaks in its fields', async () => {
    const created = await client.post('/Users', maliciousUser('legacy@injection.example', '\r'));
    const raw = { displayName: `Old${forged('\r', 'OLD')}`, title: `T${forged('\u2028', 'OLDT')}`, company: `C${forged('\u0085', 'OLDC')}`, emails: [{ value: 'legacy@injection.example', type: 'work' }], phones: [{ value: '+1 555 0101' }], address: { streetAddress: `S${forged('\r', 'OLDS')}` } };
    await host.query('update card set fields = $2 where user_id = $1', [created.body.id, JSON.stringify(raw)]);
    const text = await vcardOf(await slugOf(created.body.id));
    expectOneContact(text, { emails: ['legacy@injection.example'], tels: ['tel:+15550101'] });
  });
});

describe('through updateMyCard: the holder', () => {
  it('keeps one contact, with the directory’s phone and e-mail, whatever the holder types', async () => {
    const created = await client.post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'holder@injection.example',
      active: true,
      displayName: 'Grace Hopper',
      emails: [{ primary: true, type: 'work', value: 'holder@injection.example' }],
      phoneNumbers: [{ type: 'work', value: '+1 555 0102' }],
    });
    expect(created.status).toBe(201);
    const token = await productToken({ org: 'vcard-injection', role: 'member', sub: created.body.id });
    const UPDATE = 'mutation($input: UpdateMyCardInput!) { updateMyCard(input: $input) { card { overrides { title displayName address { streetAddress } } } } }';
    for (const br of BREAKS) {
      const fields = {
        displayName: `Grace${forged(br, 'DN')}`,
        givenName: `Grace${forged(br, 'GN')}`,
        familyName: `Hopper${forged(br, 'FN')}`,
        title: `Rear Admiral${forged(br, 'TITLE')}`,
        department: `Navy${forged(br, 'DEPT')}`,
        company: `US${forged(br, 'ORG')}`,
        address: { streetAddress: `1 Navy Yard${forged(br, 'STREET')}`, locality: `Arlington${forged(br, 'L')}` },
      };
      const edited = await gql(host, UPDATE, { input: { fields } }, token);
      expect(edited.errors).toBeUndefined();
      expect(edited.data.updateMyCard.card.overrides.title).toBe(flat(fields.title));
      expectOneContact(await vcardOf(await slugOf(created.body.id)), { emails: ['holder@injection.example'], tels: ['tel:+15550102'] });
    }
    // Phones and e-mails the holder sets: one property each, control characters gone.
    const contacts = { emails: [{ value: 'grace@injection.example', type: `work${forged('\r', 'ET')}` }], phones: [{ value: `+1 555 0103${forgedNoDigits('\r')}`, type: 'mobile' }] };
    expect((await gql(host, UPDATE, { input: { fields: contacts } }, token)).errors).toBeUndefined();
    expectOneContact(await vcardOf(await slugOf(created.body.id)), { emails: ['grace@injection.example'], tels: ['tel:+15550103'] });
  });

  it('refuses a value that is nothing but control characters, and an e-mail address with a line break in it', async () => {
    const created = await client.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'empty@injection.example', active: true });
    const token = await productToken({ org: 'vcard-injection', role: 'member', sub: created.body.id });
    const UPDATE = 'mutation($input: UpdateMyCardInput!) { updateMyCard(input: $input) { card { id } } }';
    const blank = await gql(host, UPDATE, { input: { fields: { title: '\r\n\u2028\u0000' } } }, token);
    expect(blank.errors?.[0]).toMatchObject({ message: 'title: must be 1–200 characters', extensions: { code: 'BAD_USER_INPUT', field: 'fields.title' } });
    const email = await gql(host, UPDATE, { input: { fields: { emails: [{ value: 'a@b.example\rEMAIL:mallory@evil.example' }] } } }, token);
    expect(email.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fields.emails' });
    const [card] = await host.query<{ overrides: unknown }>('select overrides from card where user_id = $1', [created.body.id]);
    expect(card!.overrides).toEqual({});
  });
});

describe('the vCard writer (property)', () => {
  const textWithControls = fc.string({ unit: fc.oneof(fc.constantFrom(...BREAKS, '\t', '\u0000', '\u001b', '\u007f', '\u009b', ';', ',', '\\', ':', 'é', '😀', '\uD800', 'BEGIN:VCARD'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 120 });
  const contact = fc.record({ value: textWithControls, type: fc.option(fc.constantFrom('work', 'home', 'mobile', 'fax', 'x'), { nil: undefined }) });

  it('never writes a raw line break or control character, folds at 75 octets, and stays one contact', () => {
    fc.assert(
      fc.property(
        fc.record({ name: textWithControls, title: textWithControls, company: textWithControls, department: textWithControls, street: textWithControls, locality: textWithControls, emails: fc.array(contact, { maxLength: 3 }), phones: fc.array(fc.integer({ min: 1000, max: 99999999 }), { maxLength: 3 }) }),
        (input) => {
          const card: PublicCard = {
            id: '00000000-0000-4000-8000-000000000000',
            slug: 'AAAAAAAAAAAAAAAAAAAAAA',
            url: 'https://cards.example.com/c/AAAAAAAAAAAAAAAAAAAAAA',
            name: flat(input.name) ? input.name : 'x',
            initials: 'X',
            title: input.title || undefined,
            company: input.company || undefined,
            department: input.department || undefined,
            emails: input.emails.map((e) => ({ value: e.value, type: e.type })),
            phones: input.phones.map((n) => ({ value: String(n), href: `tel:+${n}` })),
            address: { streetAddress: input.street, locality: input.locality },
            primary: { color: '#000000', on: '#ffffff' },
            accent: { color: '#000000', on: '#ffffff' },
          };
          const text = cardVCard(card);
          expectOneContact(text, { emails: input.emails.map((e) => flat(e.value)).filter(Boolean), tels: input.phones.map((n) => `tel:+${n}`) });
          const parsed = new ICAL.Component(ICAL.parse(text) as unknown[]);
          expect(parsed.getFirstPropertyValue('fn')).toBe(flat(card.name));
          expect(parsed.getFirstPropertyValue('title') ?? '').toBe(flat(card.title ?? ''));
        },
      ),
      { numRuns: 300 },
    );
  });
});
