/** Internal: GraphQL enums; values map to the domain's lowercase strings. */
import { registerEnumType } from 'type-graphql';

export enum RoleValue {
  OWNER = 'owner',
  ADMIN = 'admin',
  EDITOR = 'editor',
  VIEWER = 'viewer',
  MEMBER = 'member',
}
registerEnumType(RoleValue, {
  name: 'Role',
  description: 'What a user may do in the card product: owner > admin > editor > viewer; member is a card holder.',
  valuesConfig: {
    OWNER: { description: 'Everything, including deleting directories and granting the owner role.' },
    ADMIN: { description: 'Manages directories, users, invites, roles (except owner), templates and cards.' },
    EDITOR: { description: 'Manages templates and group template rules; deletes manually added users and cards.' },
    VIEWER: { description: 'Reads everything of the organization; changes nothing.' },
    MEMBER: { description: 'A card holder: reads and edits their own card.' },
  },
});

export enum UserSourceValue {
  DIRECTORY = 'directory',
  MANUAL = 'manual',
}
registerEnumType(UserSourceValue, {
  name: 'UserSource',
  description: 'Where a user came from.',
  valuesConfig: { DIRECTORY: { description: 'Provisioned by a directory.' }, MANUAL: { description: 'Invited or added by hand.' } },
});

export enum InviteStatusValue {
  NONE = 'none',
  PENDING = 'pending',
  SENT = 'sent',
  ACCEPTED = 'accepted',
}
registerEnumType(InviteStatusValue, { name: 'InviteStatus', description: 'Where the invite e-mail of a user stands.' });

export enum CardStatusValue {
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
}
registerEnumType(CardStatusValue, { name: 'CardStatus', description: 'Whether a card is shown publicly (suspended cards are not).' });

export enum DirectoryStatusValue {
  ACTIVE = 'active',
  DISABLED = 'disabled',
}
registerEnumType(DirectoryStatusValue, { name: 'DirectoryStatus', description: 'Whether a directory may provision (disabled directories get 403).' });

export enum DeprovisionPolicyValue {
  SUSPEND = 'suspend',
  KEEP_PUBLIC = 'keepPublic',
}
registerEnumType(DeprovisionPolicyValue, {
  name: 'DeprovisionPolicy',
  description: 'What happens to the card of a user the directory deactivates (active=false). The card is never deleted by a deactivation; only DELETE removes it.',
  valuesConfig: {
    SUSPEND: { description: 'The default: the card is kept but not shown — its page, vCard, QR codes and photo answer 410 until the user is active again.' },
    KEEP_PUBLIC: { description: 'The card stays public while the user is deactivated (an explicit choice; formerly the default, named KEEP).' },
  },
});

export enum MatchingAttributeValue {
  USER_NAME = 'userName',
  EXTERNAL_ID = 'externalId',
}
registerEnumType(MatchingAttributeValue, { name: 'MatchingAttribute', description: 'The SCIM attribute that identifies a user of this directory.' });

export enum EventOutcomeValue {
  SUCCESS = 'success',
  FAILURE = 'failure',
}
registerEnumType(EventOutcomeValue, { name: 'EventOutcome', description: 'Whether a provisioning request succeeded.' });

export enum UserSortField {
  CREATED_AT = 'createdAt',
  DISPLAY_NAME = 'displayName',
  EMAIL = 'email',
}
registerEnumType(UserSortField, { name: 'UserSortField', description: 'What users are ordered by (ties broken by id).' });

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Ascending or descending order.' });
