import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * What a deactivation (SCIM `active: false`) does to the user's card, which it never deletes: `suspend` (the default,
 * also when unset) answers 410 on every public route until the user is active again; `keepPublic` keeps it shown.
 * Versions before issue 11 stored `'keep'` as their default; it reads as `suspend` (see leavers.ts).
 */
export type DeprovisionPolicy = 'suspend' | 'keepPublic';
export type MatchingAttribute = 'userName' | 'externalId';

/** Per-directory behaviour an admin chooses. Stored as JSON; validated by the directories service. */
export interface DirectorySettings {
  templateId?: string | null;
  invitesEnabled?: boolean;
  domainAssignment?: boolean;
  /** Other organizations of the same customer a user may land in by e-mail domain. */
  assignmentOrganizationIds?: string[];
  deprovisionPolicy?: DeprovisionPolicy;
  matchingAttribute?: MatchingAttribute;
  /** Custom SCIM extension schemas this directory sends: urn → attribute names. */
  customSchemas?: Record<string, string[]>;
  tokenOverlapSeconds?: number;
  oauth?: { tenantId: string; audience: string; issuer?: string; jwksUrl?: string } | null;
  photoSync?: { enabled: boolean; tenantId: string; clientId: string } | null;
  /**
   * Provisioning log retention: days its events are kept, and how many of the newest are kept (0 = no limit;
   * unset or null = the instance default, PROVISIONING_LOG_RETENTION_DAYS / _MAX_EVENTS). The retention job prunes.
   */
  retentionDays?: number | null;
  retentionMaxEvents?: number | null;
}

/** One connection from an identity provider to one organization. */
export const Directory = defineEntity({
  name: 'Directory',
  tableName: 'directory',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    organizationId: p.uuid(),
    name: p.string(),
    provider: p.string(),
    status: p.string().default('active'),
    tokenHash: p.type('blob').hidden(),
    previousTokenHash: p.type('blob').nullable().hidden(),
    previousTokenExpiresAt: p.datetime().nullable(),
    settings: p.json<DirectorySettings>(),
    photoClientSecretEnc: p.string().nullable().hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Directory = InferEntity<typeof Directory>;
