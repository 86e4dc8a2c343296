/**
 * The directory's rules, as pure functions: what a directory's name, provider and settings may be (custom extension
 * schemas and the card fields their attributes feed, Entra-issued OAuth, the default token overlap, the rate limit,
 * retention, the matching attribute, domain-assignment targets), what a settings change stores, and its Tenant URL.
 * Validation lives here, once; the stored shapes are in directory.entity.ts.
 */
import type {
  CustomAttributeSetting,
  CustomAttributeType,
  CustomCardField,
  CustomSchemaSetting,
  DeprovisionPolicy,
  DirectorySettings,
  MatchingAttribute,
} from './directory.entity.js';
import { DomainError } from '../errors.js';
import type { UserProfile } from '../users/user-profile.js';
import { DIRECTORY_MODES, type DirectoryMode } from './preview.rules.js';

export const CUSTOM_ATTRIBUTE_TYPES: readonly CustomAttributeType[] = ['string', 'boolean', 'integer', 'decimal', 'dateTime', 'reference'];
export const CUSTOM_CARD_FIELDS: readonly CustomCardField[] = ['displayName', 'givenName', 'familyName', 'title', 'department', 'company'];

/** Bounds of the settings: a directory sends a handful of custom attributes; the limits keep `/Schemas` small. */
export const DIRECTORY_SETTING_LIMITS = {
  schemas: 20,
  attributesPerSchema: 100,
  urnLength: 200,
  schemaNameLength: 100,
  /** Seven days, as for `rotateDirectoryToken`'s overlap. */
  tokenOverlapSeconds: 7 * 86_400,
  rateLimitPerSecond: 100_000,
  assignmentTargets: 20,
} as const;

/** RFC 7643 §2.1: `ATTRNAME = ALPHA *(nameChar)`, `nameChar = "-" / "_" / DIGIT / ALPHA` (64 characters at most here). */
const ATTRNAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** RFC 8141: `urn:` NID `:` NSS — NID 2–32 letters, digits and hyphens; NSS of pchar and "/" (no `?`, `#`, spaces). */
const URN = /^urn:[a-z0-9][a-z0-9-]{0,30}[a-z0-9]:[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*[A-Za-z0-9\-._~!$&'()*+,;=@%/]$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** URN spaces RFC 7643/7644 define: a custom schema may not sit in them (nor be the enterprise extension). */
const RESERVED_PREFIXES = ['urn:ietf:params:scim:schemas:core:', 'urn:ietf:params:scim:api:'];

/** A custom extension schema as an admin declares it (GraphQL input, the CLI's schema file). */
export interface CustomSchemaInput {
  urn: string;
  /** Shown as the schema's `name` in `/Schemas`; default: derived from the URN. */
  name?: string | null;
  attributes: readonly CustomAttributeInput[];
}

export interface CustomAttributeInput {
  name: string;
  type?: CustomAttributeType | null;
  multiValued?: boolean | null;
  caseExact?: boolean | null;
  cardField?: CustomCardField | null;
}

/** A declared schema with its URN, whether stored in today's shape or as a bare list of names (before issue 12). */
export interface CustomSchema extends CustomSchemaSetting {
  urn: string;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { field });
}

/** `urn:…:CustomExtensionName:2.0:User` → `CustomExtensionName`: the last segment that is neither a version nor `User`. */
export function defaultSchemaName(urn: string): string {
  const segments = urn.split(':').slice(2).filter((s) => s && !/^\d+(\.\d+)*$/.test(s) && s.toLowerCase() !== 'user');
  return segments.at(-1) ?? urn;
}

/** Two URNs one of which names a path inside the other (`urn:a:b` and `urn:a:b:c`) would make paths ambiguous. */
function nested(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x === y || x.startsWith(`${y}:`) || y.startsWith(`${x}:`);
}

function validateUrn(urn: string, field: string): void {
  if (urn.length > DIRECTORY_SETTING_LIMITS.urnLength || !URN.test(urn)) {
    throw invalid(field, `"${urn.slice(0, 80)}" is not a schema URN like urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User (RFC 8141, at most ${DIRECTORY_SETTING_LIMITS.urnLength} characters)`);
  }
  const lower = urn.toLowerCase();
  if (RESERVED_PREFIXES.some((p) => lower.startsWith(p)) || nested(urn, ENTERPRISE_USER)) {
    throw invalid(field, `${urn} is a schema of RFC 7643/7644 (core, API messages or the Enterprise User extension), not a custom extension`);
  }
}

function validateAttribute(input: CustomAttributeInput, field: string): CustomAttributeSetting {
  if (typeof input.name !== 'string' || !ATTRNAME.test(input.name)) {
    throw invalid(`${field}.name`, `attribute name "${String(input.name).slice(0, 80)}" is not an RFC 7643 ATTRNAME: a letter, then letters, digits, "-" or "_" (at most 64)`);
  }
  const type = input.type ?? 'string';
  if (!CUSTOM_ATTRIBUTE_TYPES.includes(type)) throw invalid(`${field}.type`, `type must be one of ${CUSTOM_ATTRIBUTE_TYPES.join(', ')}`);
  const multiValued = input.multiValued ?? false;
  const caseExact = input.caseExact ?? false;
  if (typeof multiValued !== 'boolean' || typeof caseExact !== 'boolean') throw invalid(field, 'multiValued and caseExact are true or false');
  const attribute: CustomAttributeSetting = { name: input.name, type, multiValued, caseExact };
  if (input.cardField != null) {
    if (!CUSTOM_CARD_FIELDS.includes(input.cardField)) throw invalid(`${field}.cardField`, `cardField must be one of ${CUSTOM_CARD_FIELDS.join(', ')}`);
    if (type !== 'string' || multiValued) throw invalid(`${field}.cardField`, `only a single-valued string attribute can feed a card field ("${input.name}" is ${multiValued ? 'multi-valued' : type})`);
    attribute.cardField = input.cardField;
  }
  return attribute;
}

/**
 * Validates the custom extension schemas a directory declares (the whole list, replacing the stored one) and
 * returns them as stored. Refused with INVALID_INPUT naming the field: a URN that is not one, or lies in the
 * URN space of RFC 7643/7644, or contains another declared URN; a repeated URN or attribute name (case-insensitive,
 * RFC 7643 §2.1); an attribute name outside ATTRNAME; a card field fed by two attributes, or by one that is not a
 * single-valued string; more than the limits.
 */
export function normalizeCustomSchemas(input: readonly CustomSchemaInput[]): Record<string, CustomSchemaSetting> {
  if (input.length > DIRECTORY_SETTING_LIMITS.schemas) throw invalid('customSchemas', `a directory declares at most ${DIRECTORY_SETTING_LIMITS.schemas} custom schemas`);
  const out: Record<string, CustomSchemaSetting> = {};
  const fedBy = new Map<CustomCardField, string>();
  input.forEach((schema, i) => {
    const field = `customSchemas[${i}]`;
    const urn = typeof schema.urn === 'string' ? schema.urn.trim() : '';
    validateUrn(urn, `${field}.urn`);
    const clash = Object.keys(out).find((other) => nested(urn, other));
    if (clash) throw invalid(`${field}.urn`, clash.toLowerCase() === urn.toLowerCase() ? `${urn} is declared twice` : `${urn} and ${clash} overlap: one names a path inside the other`);
    const name = schema.name?.trim() || defaultSchemaName(urn);
    if (name.length > DIRECTORY_SETTING_LIMITS.schemaNameLength || /[\p{Cc}]/u.test(name)) {
      throw invalid(`${field}.name`, `a schema name has at most ${DIRECTORY_SETTING_LIMITS.schemaNameLength} characters and no control characters`);
    }
    if (!Array.isArray(schema.attributes) || schema.attributes.length === 0 || schema.attributes.length > DIRECTORY_SETTING_LIMITS.attributesPerSchema) {
      throw invalid(`${field}.attributes`, `a custom schema declares 1–${DIRECTORY_SETTING_LIMITS.attributesPerSchema} attributes`);
    }
    const seen = new Set<string>();
    const attributes = schema.attributes.map((a, j) => {
      const attribute = validateAttribute(a, `${field}.attributes[${j}]`);
      if (seen.has(attribute.name.toLowerCase())) throw invalid(`${field}.attributes[${j}].name`, `${urn} declares "${attribute.name}" twice (attribute names are case-insensitive)`);
      seen.add(attribute.name.toLowerCase());
      if (attribute.cardField) {
        const other = fedBy.get(attribute.cardField);
        if (other) throw invalid(`${field}.attributes[${j}].cardField`, `the card field ${attribute.cardField} is already fed by ${other}`);
        fedBy.set(attribute.cardField, `${urn}:${attribute.name}`);
      }
      return attribute;
    });
    out[urn] = { name, attributes };
  });
  return out;
}

/** URN order (case-insensitive): jsonb keeps no key order, so this is the order everything lists schemas in. */
export function byUrn(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The declared schemas of a directory by URN; a stored bare list of names reads as single strings. */
export function customSchemasOf(settings: Readonly<DirectorySettings>): CustomSchema[] {
  const entries = Object.entries(settings.customSchemas ?? {}).sort(([a], [b]) => byUrn(a, b));
  return entries.map(([urn, value]) =>
    Array.isArray(value)
      ? { urn, name: defaultSchemaName(urn), attributes: value.map((name) => ({ name, type: 'string' as const, multiValued: false, caseExact: false })) }
      : { urn, name: value.name, attributes: value.attributes },
  );
}

const PROFILE_KEY: Record<CustomCardField, keyof UserProfile> = {
  displayName: 'displayName',
  givenName: 'givenName',
  familyName: 'familyName',
  title: 'title',
  department: 'department',
  company: 'organization',
};

/**
 * The profile with the card fields that declared custom attributes feed: a non-empty value of such an attribute
 * (in the normalized document, under its schema URN) takes the place of what the core attributes gave.
 */
export function profileWithCustomFields(profile: UserProfile, attributes: Readonly<Record<string, unknown>>, settings: Readonly<DirectorySettings>): UserProfile {
  let out = profile;
  for (const schema of customSchemasOf(settings)) {
    const container = attributes[schema.urn];
    if (typeof container !== 'object' || container === null) continue;
    for (const attribute of schema.attributes) {
      if (!attribute.cardField) continue;
      const value = (container as Record<string, unknown>)[attribute.name];
      if (typeof value !== 'string' || !value.trim()) continue;
      out = { ...out, [PROFILE_KEY[attribute.cardField]]: value.trim() };
    }
  }
  return out;
}

/** Entra-issued OAuth for a directory, as an admin sets it. */
export interface OAuthInput {
  tenantId: string;
  audience: string;
  refuseStaticToken?: boolean | null;
}

/**
 * Validates OAuth settings: the tenant is a GUID (Entra's `tid`, which its issuers carry: a domain name would match
 * no token), the audience the `aud` Entra puts in the tokens (the app's client id or App ID URI).
 */
export function normalizeOAuth(input: OAuthInput): NonNullable<DirectorySettings['oauth']> {
  const tenantId = typeof input.tenantId === 'string' ? input.tenantId.trim().toLowerCase() : '';
  if (!GUID.test(tenantId)) throw invalid('oauth.tenantId', 'oauth.tenantId must be the Entra tenant id (a GUID, the tokens’ "tid")');
  const audience = typeof input.audience === 'string' ? input.audience.trim() : '';
  if (!audience || audience.length > 400 || /[\s\p{Cc}]/u.test(audience)) {
    throw invalid('oauth.audience', 'oauth.audience must be the tokens’ "aud": the application (client) id or App ID URI, 1–400 characters without spaces');
  }
  return { tenantId, audience, refuseStaticToken: input.refuseStaticToken === true };
}

/** A whole number in 0…max, or null (back to the default); INVALID_INPUT naming the field otherwise. */
export function checkWholeNumber(field: 'tokenOverlapSeconds' | 'rateLimitPerSecond', value: number | null | undefined, meaning: string): void {
  if (value === undefined || value === null) return;
  const max = DIRECTORY_SETTING_LIMITS[field];
  if (!Number.isInteger(value) || value < 0 || value > max) throw invalid(field, `${field} must be a whole number from 0 to ${max.toLocaleString('en-US')} (${meaning}), or null for the default`);
}

/** Who vouches for the organizations a change adds as domain-assignment targets. */
export type AssignmentAuthority =
  /** The organizations the caller proved to be an owner of (GraphQL: an owner's token of each). */
  | { ownerOf: ReadonlySet<string> }
  /** The operator of the installation (the CLI, which holds the database): any existing organization. */
  | 'operator';

/**
 * The domain-assignment targets after a change (the whole list, de-duplicated). An organization already on the
 * list stays without a new proof; one new to it must be vouched for by `authority`, else FORBIDDEN — the same
 * answer whether or not such an organization exists, so the check reveals nothing about other organizations.
 */
export function checkAssignmentTargets(ownOrganizationId: string, current: readonly string[], next: readonly string[], authority: AssignmentAuthority): string[] {
  const targets = [...new Set(next.map((id) => id.trim().toLowerCase()))];
  if (targets.length > DIRECTORY_SETTING_LIMITS.assignmentTargets) {
    throw invalid('domainAssignmentTargets', `a directory assigns users to at most ${DIRECTORY_SETTING_LIMITS.assignmentTargets} other organizations`);
  }
  for (const id of targets) {
    if (!GUID.test(id)) throw invalid('domainAssignmentTargets', `"${id.slice(0, 80)}" is not an organization id`);
    if (id === ownOrganizationId) throw invalid('domainAssignmentTargets', 'the directory’s own organization is always a candidate; list only other organizations');
    if (authority !== 'operator' && !current.includes(id) && !authority.ownerOf.has(id)) {
      throw new DomainError('FORBIDDEN', `organization ${id} can be a domain-assignment target only with an owner’s token of it (ownerToken): users may be assigned only to organizations the same owner controls`, { field: 'domainAssignmentTargets' });
    }
  }
  return targets;
}

/** The Tenant URL an admin pastes into the directory: the provider plugin's mount plus the directory id. */
export function tenantUrl(publicUrl: string, provider: string, directoryId: string): string {
  return `${publicUrl}/scim/${provider}/${directoryId}`;
}

const PROVIDER = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A new directory's name (trimmed) and provider, checked; INVALID_INPUT naming the field otherwise. */
export function newDirectoryName(name: string, provider: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw invalid('name', 'directory name must be 1–200 characters');
  if (!PROVIDER.test(provider)) throw invalid('provider', 'provider must be a plugin name such as "entra"');
  return trimmed;
}

/**
 * A new directory's settings: matched by userName, no invites, no domain assignment, then what the caller gives.
 * No deprovisionPolicy: unset reads as the default (suspend), so what is stored is only ever an admin's choice.
 */
export function initialSettings(settings: DirectorySettings | undefined): DirectorySettings {
  return { matchingAttribute: 'userName', invitesEnabled: false, domainAssignment: false, ...settings };
}

/** A rotation's overlap as asked for: 0 seconds to 7 days, or undefined/null for the directory's default. */
export function checkRotationOverlap(overlapSeconds: number | null | undefined): void {
  if (overlapSeconds != null && (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > DIRECTORY_SETTING_LIMITS.tokenOverlapSeconds)) {
    throw invalid('overlapSeconds', 'overlap must be between 0 seconds and 7 days');
  }
}

export const MATCHING_ATTRIBUTES: readonly MatchingAttribute[] = ['userName', 'externalId'];

export function isMatchingAttribute(value: unknown): value is MatchingAttribute {
  return typeof value === 'string' && (MATCHING_ATTRIBUTES as readonly string[]).includes(value);
}

/** What an admin may change; omitted fields stay as they are. `photoSync.clientSecret` is write-only. */
export interface DirectorySettingsChange {
  name?: string;
  status?: 'active' | 'disabled';
  templateId?: string | null;
  invitesEnabled?: boolean;
  domainAssignment?: boolean;
  deprovisionPolicy?: DeprovisionPolicy;
  matchingAttribute?: MatchingAttribute;
  photoSync?: { enabled: boolean; tenantId: string; clientId: string; clientSecret?: string } | null;
  /** The whole list of custom extension schemas, replacing the stored one ([] removes them all). */
  customSchemas?: readonly CustomSchemaInput[];
  /** Entra-issued OAuth; null turns it off (and with it `refuseStaticToken`). */
  oauth?: OAuthInput | null;
  /** Default overlap of a rotation that names none; null: back to 0. */
  tokenOverlapSeconds?: number | null;
  /** SCIM requests per second (0 = no limit); null: back to SCIM_RATE_LIMIT_PER_SECOND. */
  rateLimitPerSecond?: number | null;
  /** The whole list of other organizations users may be assigned to by e-mail domain, and who vouches for them. */
  domainAssignmentTargets?: { organizationIds: readonly string[]; authority: AssignmentAuthority };
  /** null: back to the instance default; 0: no limit. */
  retentionDays?: number | null;
  retentionMaxEvents?: number | null;
  /** `preview` only while the directory has no users; out of preview only by going live (preview.rules.ts). */
  mode?: DirectoryMode;
}

/** Bounds of the retention settings (36,500 days: a century; a billion events per directory). */
export const RETENTION_LIMITS = { days: 36_500, maxEvents: 1_000_000_000 } as const;

/** The stored settings a change writes over the current ones (keys it leaves out stay as they are). */
export function settingsPatch(change: DirectorySettingsChange): Partial<DirectorySettings> {
  const patch: Partial<DirectorySettings> = {};
  for (const key of ['templateId', 'invitesEnabled', 'domainAssignment', 'deprovisionPolicy', 'matchingAttribute', 'retentionDays', 'retentionMaxEvents', 'mode'] as const) {
    if (change[key] !== undefined) (patch as Record<string, unknown>)[key] = change[key];
  }
  if (change.customSchemas !== undefined) patch.customSchemas = normalizeCustomSchemas(change.customSchemas);
  if (change.oauth !== undefined) patch.oauth = change.oauth && normalizeOAuth(change.oauth);
  if (change.tokenOverlapSeconds !== undefined) patch.tokenOverlapSeconds = change.tokenOverlapSeconds;
  if (change.rateLimitPerSecond !== undefined) patch.rateLimitPerSecond = change.rateLimitPerSecond;
  if (change.photoSync !== undefined) {
    patch.photoSync = change.photoSync && { enabled: change.photoSync.enabled, tenantId: change.photoSync.tenantId.trim(), clientId: change.photoSync.clientId.trim() };
  }
  return patch;
}

const DEPROVISION_POLICIES: readonly string[] = ['suspend', 'keepPublic'] satisfies DeprovisionPolicy[];

/** Refuses a settings change with INVALID_INPUT naming the field, before anything is read or written. */
export function validateSettingsChange(change: DirectorySettingsChange): void {
  if (change.deprovisionPolicy !== undefined && !DEPROVISION_POLICIES.includes(change.deprovisionPolicy)) {
    throw invalid('deprovisionPolicy', `deprovisionPolicy must be one of ${DEPROVISION_POLICIES.join(', ')}`);
  }
  for (const [field, max] of [['retentionDays', RETENTION_LIMITS.days], ['retentionMaxEvents', RETENTION_LIMITS.maxEvents]] as const) {
    const value = change[field];
    if (value !== undefined && value !== null && (!Number.isInteger(value) || value < 0 || value > max)) {
      throw invalid(field, `${field} must be a whole number from 0 (no limit) to ${max.toLocaleString('en-US')}, or null for the instance default`);
    }
  }
  if (change.mode !== undefined && !DIRECTORY_MODES.includes(change.mode)) throw invalid('mode', `mode must be one of ${DIRECTORY_MODES.join(', ')}`);
  checkWholeNumber('tokenOverlapSeconds', change.tokenOverlapSeconds, 'seconds the previous token keeps working after a rotation');
  checkWholeNumber('rateLimitPerSecond', change.rateLimitPerSecond, 'SCIM requests per second, 0 = no limit');
  if (change.customSchemas !== undefined) normalizeCustomSchemas(change.customSchemas);
  if (change.oauth) normalizeOAuth(change.oauth);
  if (change.name !== undefined && (!change.name.trim() || change.name.length > 200)) throw invalid('name', 'directory name must be 1–200 characters');
  const photo = change.photoSync;
  if (photo && (!/^[0-9a-zA-Z.-]{1,64}$/.test(photo.tenantId.trim()) || !/^[0-9a-zA-Z-]{1,64}$/.test(photo.clientId.trim()))) {
    throw invalid('photoSync', 'photoSync needs the Entra tenant id and the application (client) id of the app that reads photos');
  }
  if (photo?.clientSecret !== undefined && (photo.clientSecret.length < 8 || photo.clientSecret.length > 1000)) {
    throw invalid('photoSync.clientSecret', 'photoSync.clientSecret must be 8–1000 characters');
  }
}
