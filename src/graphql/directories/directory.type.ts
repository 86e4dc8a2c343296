/** Internal: the Directory object type and its settings. */
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { DeprovisionPolicyValue, DirectoryStatusValue, MatchingAttributeValue } from '../common/enums.js';
import { CustomSchema, DirectoryOAuth } from './directory-settings.types.js';

@ObjectType({ description: 'Profile-photo sync from Microsoft Graph. The client secret is write-only.' })
export class PhotoSyncSettings {
  @Field(() => Boolean, { description: 'Whether photos are fetched.' })
  enabled!: boolean;

  @Field(() => String, { description: 'Entra tenant id of the app that reads photos.' })
  tenantId!: string;

  @Field(() => String, { description: 'Application (client) id of the app that reads photos.' })
  clientId!: string;

  @Field(() => Boolean, { description: 'True when a client secret is stored (it is never returned).' })
  hasClientSecret!: boolean;
}

@ObjectType({ description: 'What a directory does beyond plain provisioning.' })
export class DirectorySettingsType {
  @Field(() => ID, { nullable: true, description: 'Default card template of the directory’s users (group rules take precedence).' })
  templateId!: string | null;

  @Field(() => Boolean, { description: 'Whether new users get an invite e-mail.' })
  invitesEnabled!: boolean;

  @Field(() => Boolean, { description: 'Whether users are assigned to organizations by the domain of their e-mail address.' })
  domainAssignment!: boolean;

  @Field(() => DeprovisionPolicyValue, { description: 'What happens to the card of a deactivated user: SUSPEND unless an admin chose KEEP_PUBLIC.' })
  deprovisionPolicy!: DeprovisionPolicyValue;

  @Field(() => MatchingAttributeValue, { description: 'The SCIM attribute that identifies a user.' })
  matchingAttribute!: MatchingAttributeValue;

  @Field(() => PhotoSyncSettings, { nullable: true, description: 'Profile-photo sync; null when not set up.' })
  photoSync!: PhotoSyncSettings | null;

  @Field(() => [CustomSchema], { description: 'Custom extension schemas of the User resource the directory declares (also in its /Schemas).' })
  customSchemas!: CustomSchema[];

  @Field(() => DirectoryOAuth, { nullable: true, description: 'Entra-issued OAuth access tokens the directory accepts; null: only the Secret Token.' })
  oauth!: DirectoryOAuth | null;

  @Field(() => [ID], { description: 'Ids of the other organizations users may be assigned to by e-mail domain (when domainAssignment is on).' })
  domainAssignmentTargets!: string[];

  @Field(() => Int, { description: 'Seconds the previous Secret Token keeps working after a rotation that names no overlap.' })
  tokenOverlapSeconds!: number;

  @Field(() => Int, { nullable: true, description: 'SCIM requests per second as set for this directory (0 = no limit); null = the instance default.' })
  rateLimitPerSecond!: number | null;

  @Field(() => Int, { nullable: true, description: 'SCIM requests per second as applied: the directory’s setting or SCIM_RATE_LIMIT_PER_SECOND; null = no limit.' })
  effectiveRateLimitPerSecond!: number | null;

  @Field(() => Int, { nullable: true, description: 'Days the directory’s provisioning events are kept, as set for it (0 = no age limit); null = the instance default.' })
  retentionDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many of the directory’s newest provisioning events are kept, as set for it (0 = no count limit); null = the instance default.' })
  retentionMaxEvents!: number | null;

  @Field(() => Int, { nullable: true, description: 'Days events are kept as applied: the directory’s setting or the instance default (PROVISIONING_LOG_RETENTION_DAYS); null = no age limit.' })
  effectiveRetentionDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'Newest events kept as applied: the directory’s setting or the instance default (PROVISIONING_LOG_RETENTION_MAX_EVENTS); null = no count limit.' })
  effectiveRetentionMaxEvents!: number | null;
}

@ObjectType({ description: 'A connection from an identity provider (Entra ID, Okta, …) to the organization over SCIM.' })
export class Directory {
  @Field(() => ID, { description: 'Id of the directory (part of its Tenant URL).' })
  id!: string;

  @Field(() => String, { description: 'Name an admin gave the directory.' })
  name!: string;

  @Field(() => String, { description: 'The provider plugin, e.g. entra or okta.' })
  provider!: string;

  @Field(() => DirectoryStatusValue, { description: 'Whether the directory may provision.' })
  status!: DirectoryStatusValue;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the directory last sent a request with its own valid token, whatever the answer (within a few seconds); cardbridge’s background jobs (photo sync, invite e-mails) do not move it. Null before the first.' })
  lastSyncAt!: Date | null;

  @Field(() => Int, { description: 'Users the directory manages.' })
  userCount!: number;

  @Field(() => Int, { description: 'Groups the directory provisioned.' })
  groupCount!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the directory was created.' })
  createdAt!: Date;
}
