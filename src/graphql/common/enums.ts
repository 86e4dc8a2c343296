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
registerEnumType(InviteStatusValue, {
  name: 'InviteStatus',
  description: 'Where the invite e-mail of a user stands.',
  valuesConfig: {
    NONE: { description: 'No invite is due: invite e-mails are off for the user’s directory, or the user has no e-mail address.' },
    PENDING: { description: 'An invite e-mail is queued and the job queue sends it; a deactivated user’s waits until the directory reactivates them.' },
    SENT: { description: 'The invite e-mail went out; resendInvites sends it again.' },
    ACCEPTED: { description: 'The user accepted the invite; nobody invites them again.' },
  },
});

export enum CardStatusValue {
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
}
registerEnumType(CardStatusValue, {
  name: 'CardStatus',
  description: 'Whether a card is shown publicly (suspended cards are not).',
  valuesConfig: {
    ACTIVE: { description: 'The card’s page, vCard, QR codes and photo are public at its URL.' },
    SUSPENDED: { description: 'The card is kept but its public routes answer 410 Gone, e.g. while its user is deactivated under the SUSPEND policy.' },
  },
});

export enum DirectoryStatusValue {
  ACTIVE = 'active',
  DISABLED = 'disabled',
}
registerEnumType(DirectoryStatusValue, {
  name: 'DirectoryStatus',
  description: 'Whether a directory may provision (disabled directories get 403).',
  valuesConfig: {
    ACTIVE: { description: 'The Tenant URL serves SCIM requests that carry the directory’s token.' },
    DISABLED: { description: 'Every SCIM request under the Tenant URL is refused with 403 (counted in refusedRequests as directory-disabled); users and cards stay.' },
  },
});

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
registerEnumType(MatchingAttributeValue, {
  name: 'MatchingAttribute',
  description: 'The SCIM attribute that identifies a user of this directory.',
  valuesConfig: {
    USER_NAME: { description: 'The default: userName is the key, unique in the directory; externalId is only stored.' },
    EXTERNAL_ID: { description: 'The externalId is the key: every user needs one, unique in the directory with exact case; userName stays unique too.' },
  },
});

export enum EventOutcomeValue {
  SUCCESS = 'success',
  FAILURE = 'failure',
}
registerEnumType(EventOutcomeValue, {
  name: 'EventOutcome',
  description: 'Whether a provisioning request (or a background job or sign-in in the log) succeeded.',
  valuesConfig: {
    SUCCESS: { description: 'Answered with a status below 400 (a job: done).' },
    FAILURE: { description: 'Answered with an error status, 400 or above (a job: it failed); scimType and detail say why.' },
  },
});

export enum UserSortField {
  CREATED_AT = 'createdAt',
  DISPLAY_NAME = 'displayName',
  EMAIL = 'email',
}
registerEnumType(UserSortField, {
  name: 'UserSortField',
  description: 'What users are ordered by (ties broken by id).',
  valuesConfig: {
    CREATED_AT: { description: 'When the user was created (the default).' },
    DISPLAY_NAME: { description: 'The name shown on the card.' },
    EMAIL: { description: 'The primary e-mail address.' },
  },
});

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Ascending or descending order.',
  valuesConfig: { ASC: { description: 'Smallest, earliest or A first (the default).' }, DESC: { description: 'Largest, latest or Z first.' } },
});
