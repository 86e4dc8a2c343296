import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * What a deactivation (SCIM `active: false`) does to the user's card, which it never deletes: `suspend` (the default,
 * also when unset) answers 410 on every public route until the user is active again; `keepPublic` keeps it shown.
 * Versions before issue 11 stored `'keep'` as their default; it reads as `suspend` (see cardStatusFor).
 */
export type DeprovisionPolicy = 'suspend' | 'keepPublic';
export type MatchingAttribute = 'userName' | 'externalId';

/** RFC 7643 §2.3 types a custom extension attribute may have (complex and binary are not offered). */
export type CustomAttributeType = 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference';
/** The card fields a custom attribute may feed (single text fields of a card). */
export type CustomCardField = 'displayName' | 'givenName' | 'familyName' | 'title' | 'department' | 'company';

/** One attribute of a custom extension schema, as declared by an admin. */
export interface CustomAttributeSetting {
  name: string;
  type: CustomAttributeType;
  multiValued: boolean;
  caseExact: boolean;
  /** The card field its value feeds (a single-valued string only), replacing what the core attributes give. */
  cardField?: CustomCardField;
}

/** A custom extension schema of the User resource: its name in `/Schemas` and its attributes. */
export interface CustomSchemaSetting {
  name: string;
  attributes: CustomAttributeSetting[];
}

/** Per-directory behaviour an admin chooses. Stored as JSON; validated by directory.rules.ts. */
export interface DirectorySettings {
  templateId?: string | null;
  invitesEnabled?: boolean;
  domainAssignment?: boolean;
  /** Other organizations of the same customer a user may land in by e-mail domain. */
  assignmentOrganizationIds?: string[];
  deprovisionPolicy?: DeprovisionPolicy;
  matchingAttribute?: MatchingAttribute;
  /**
   * Custom SCIM extension schemas of the User resource this directory sends (RFC 7643 §3.3): URN → declaration.
   * A bare list of names (what versions before issue 12 stored) declares case-insensitive single strings.
   */
  customSchemas?: Record<string, CustomSchemaSetting | string[]>;
  /** Seconds the previous Secret Token keeps working after a rotation that names no overlap (unset: 0). */
  tokenOverlapSeconds?: number | null;
  /**
   * Entra-issued OAuth access tokens this directory accepts (tenant, audience); `refuseStaticToken`: the Secret
   * Token is then refused. `issuer` / `jwksUrl` override the ENTRA_* templates (set only by writing the database).
   */
  oauth?: { tenantId: string; audience: string; refuseStaticToken?: boolean; issuer?: string; jwksUrl?: string } | null;
  /** SCIM requests per second before 429 (0 = no limit; unset or null = SCIM_RATE_LIMIT_PER_SECOND). */
  rateLimitPerSecond?: number | null;
  photoSync?: { enabled: boolean; tenantId: string; clientId: string } | null;
  /**
   * Provisioning log retention: days its events are kept, and how many of the newest are kept (0 = no limit;
   * unset or null = the instance default, PROVISIONING_LOG_RETENTION_DAYS / _MAX_EVENTS). The retention job prunes.
   */
  retentionDays?: number | null;
  retentionMaxEvents?: number | null;
  /**
   * `preview`: users and groups are stored and read back as in live mode, but no seat is claimed, no card made and
   * no e-mail sent until the directory goes live (preview.rules.ts). Unset or `live`: provisioning as usual.
   */
  mode?: 'preview' | 'live';
}

/** One connection from an identity provider to one organization. */
export const Directory = defineEntity({
  name: 'Directory',
  tableName: 'directory',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    organizationId: p.uuid(),
    name: p.text(),
    provider: p.text(),
    status: p.enum(['active', 'disabled'] as const).default('active'),
    tokenHash: p.type('blob').hidden(),
    previousTokenHash: p.type('blob').nullable().hidden(),
    previousTokenExpiresAt: p.datetime().nullable(),
    settings: p.json<DirectorySettings>().defaultRaw(`'{}'`),
    photoClientSecretEnc: p.text().nullable().hidden(),
    /** When the directory last sent a request its token authenticated (written debounced by the provisioning log). */
    lastRequestAt: p.datetime().nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Directory = InferEntity<typeof Directory>;
