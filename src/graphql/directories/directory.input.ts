/** Internal: inputs and payloads of the directory mutations. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DeprovisionPolicyValue, DirectoryStatusValue, MatchingAttributeValue } from '../common/enums.js';
import { DirectoryModeValue } from './directory-preview.type.js';
import { CustomSchemaInput, DirectoryOAuthInput, DomainAssignmentTargetInput } from './directory-settings.types.js';
import { Directory } from './directory.type.js';

@InputType({ description: 'A new directory connection.' })
export class CreateDirectoryInput {
  @Field(() => String, { description: 'Name shown to admins, 1–200 characters.' })
  name!: string;

  @Field(() => String, { description: 'Provider plugin, e.g. entra or okta.' })
  provider!: string;

  @Field(() => DirectoryModeValue, { nullable: true, description: 'PREVIEW to see what the directory would do before it claims seats, makes cards or sends e-mail (goLiveDirectory applies it); omitted or null: LIVE.' })
  mode?: DirectoryModeValue | null;
}

@ObjectType({ description: 'The new directory with what the admin pastes into the identity provider. The Secret Token is shown only here.' })
export class CreateDirectoryPayload {
  @Field(() => Directory, { description: 'The directory.' })
  directory!: object;

  @Field(() => String, { description: 'Tenant URL to paste into the provider (SCIM base URL).' })
  tenantUrl!: string;

  @Field(() => String, { description: 'Secret Token to paste into the provider; shown once, stored only as a hash.' })
  secretToken!: string;
}

@InputType({ description: 'Which directory gets a new Secret Token.' })
export class RotateDirectoryTokenInput {
  @Field(() => ID, { description: 'The directory.' })
  directoryId!: string;

  @Field(() => Int, { nullable: true, description: 'Seconds the old token keeps working (0–604800), so a running cycle finishes; omitted or null: the directory’s tokenOverlapSeconds setting (default 0).' })
  overlapSeconds?: number | null;
}

@ObjectType({ description: 'The new Secret Token, shown only here.' })
export class RotateDirectoryTokenPayload {
  @Field(() => Directory, { description: 'The directory.' })
  directory!: object;

  @Field(() => String, { description: 'The new Secret Token.' })
  secretToken!: string;

  @Field(() => Int, { description: 'Seconds the previous token keeps working (the overlap asked for, else the directory’s default); 0: it stopped at once.' })
  overlapSeconds!: number;
}

@InputType({ description: 'Profile-photo sync credentials (an Entra app allowed to read user photos).' })
export class PhotoSyncInput {
  @Field(() => Boolean, { description: 'Whether photos are fetched.' })
  enabled!: boolean;

  @Field(() => String, { description: 'Entra tenant id.' })
  tenantId!: string;

  @Field(() => String, { description: 'Application (client) id.' })
  clientId!: string;

  @Field(() => String, { nullable: true, description: 'Client secret; write-only (stored encrypted, never returned). Omit to keep the stored one.' })
  clientSecret?: string;
}

@InputType({ description: 'Changes to a directory; omitted fields stay as they are.' })
export class UpdateDirectorySettingsInput {
  @Field(() => ID, { description: 'The directory.' })
  directoryId!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string;

  @Field(() => DirectoryStatusValue, { nullable: true, description: 'Disable or re-enable provisioning.' })
  status?: DirectoryStatusValue;

  @Field(() => ID, { nullable: true, description: 'Default card template; null clears it. Cards of the directory’s users follow.' })
  templateId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Send invite e-mails to new users.' })
  invitesEnabled?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Assign users to organizations by e-mail domain.' })
  domainAssignment?: boolean;

  @Field(() => DeprovisionPolicyValue, { nullable: true, description: 'Suspend (the default) or keep public the cards of deactivated users; applies to users already deactivated too.' })
  deprovisionPolicy?: DeprovisionPolicyValue;

  @Field(() => MatchingAttributeValue, { nullable: true, description: 'The attribute the provider matches users by (Entra: the matching attribute of the mappings). USER_NAME (the default): userName is the key. EXTERNAL_ID: every user needs an externalId, unique in the directory (exact case), as Entra sends with userName ← objectId and externalId ← userPrincipalName. Refused with CONFLICT while users lack an externalId or share one.' })
  matchingAttribute?: MatchingAttributeValue;

  @Field(() => PhotoSyncInput, { nullable: true, description: 'Photo-sync settings; null removes them and the stored secret.' })
  photoSync?: PhotoSyncInput | null;

  @Field(() => [CustomSchemaInput], { nullable: true, description: 'The custom extension schemas of the User resource the directory sends (at most 20); replaces the declared list ([] removes them). /Schemas and /ResourceTypes follow at once; data under an undeclared schema is refused with 400 invalidValue naming it.' })
  customSchemas?: CustomSchemaInput[] | null;

  @Field(() => DirectoryOAuthInput, { nullable: true, description: 'Accept Entra-issued OAuth access tokens (optionally only those); null turns OAuth off and the Secret Token works again.' })
  oauth?: DirectoryOAuthInput | null;

  @Field(() => [DomainAssignmentTargetInput], {
    nullable: true,
    description: 'The other organizations (at most 20) users may be assigned to by e-mail domain when domainAssignment is on; replaces the list. Owners only; each organization new to the list needs an owner’s token of it (FORBIDDEN otherwise, alike for organizations that do not exist).',
  })
  domainAssignmentTargets?: DomainAssignmentTargetInput[] | null;

  @Field(() => Int, { nullable: true, description: 'Seconds the previous Secret Token keeps working after a rotateDirectoryToken that names no overlap (0–604800); null returns to 0.' })
  tokenOverlapSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'SCIM requests per second for this directory before 429 with Retry-After (burst twice that; 0–100000, 0 = no limit); null returns to the instance default SCIM_RATE_LIMIT_PER_SECOND.' })
  rateLimitPerSecond?: number | null;

  @Field(() => Int, { nullable: true, description: 'Days the directory’s provisioning events are kept (0–36500; 0 = no age limit); null returns to the instance default. Applied by the retention job’s next pass.' })
  retentionDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'How many of the directory’s newest provisioning events are kept (0–1000000000; 0 = no count limit); null returns to the instance default.' })
  retentionMaxEvents?: number | null;

  @Field(() => DirectoryModeValue, { nullable: true, description: 'PREVIEW, only while the directory has no users (CONFLICT otherwise); a directory leaves preview only through goLiveDirectory (LIVE here is refused).' })
  mode?: DirectoryModeValue;
}

@ObjectType({ description: 'The changed directory.' })
export class UpdateDirectorySettingsPayload {
  @Field(() => Directory, { description: 'The directory.' })
  directory!: object;
}

@ObjectType({ description: 'Result of deleteDirectory.' })
export class DeleteDirectoryPayload {
  @Field(() => ID, { description: 'Id of the deleted directory. Its users stay, as manually managed users.' })
  deletedDirectoryId!: string;
}
