/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A text field of a card that a custom extension attribute can feed; its value then replaces what the core SCIM attributes give. */
export type CardField =
  /** Company (enterprise: organization, else the organization’s name). */
  | 'COMPANY'
  /** Department (enterprise: department). */
  | 'DEPARTMENT'
  /** The name shown on the card (core: displayName). */
  | 'DISPLAY_NAME'
  /** Family name (core: name.familyName). */
  | 'FAMILY_NAME'
  /** Given name (core: name.givenName). */
  | 'GIVEN_NAME'
  /** Job title (core: title). */
  | 'TITLE';

/** Whether a card is shown publicly (suspended cards are not). */
export type CardStatus =
  /** The card’s page, vCard, QR codes and photo are public at its URL. */
  | 'ACTIVE'
  /** The card is kept but its public routes answer 410 Gone, e.g. while its user is deactivated under the SUSPEND policy. */
  | 'SUSPENDED';

/** What is wrong with a directory’s connection. */
export type ConnectionProblemCode =
  /** The directory is disabled, so its requests are refused. */
  | 'DIRECTORY_DISABLED'
  /** Requests were refused as invalid (400), usually because of an attribute mapping. */
  | 'INVALID_REQUEST'
  /** Requests carry a token that is not the directory’s (wrong, old or another directory’s). */
  | 'INVALID_TOKEN'
  /** Requests carry no bearer token. */
  | 'MISSING_TOKEN'
  /** A syncing directory has sent nothing for more than three hours. */
  | 'NO_RECENT_REQUESTS'
  /** An OAuth access token arrives that the directory does not accept (tenant, audience or signature). */
  | 'OAUTH_TOKEN_REFUSED'
  /** Requests came faster than the directory’s rate or concurrency limit and were answered 429. */
  | 'RATE_LIMITED'
  /** Fewer free seats are left than the seat forecast’s warning margin (5 % of the limit, at least 1): the next users will be refused unless the limit is raised. A warning before the first refusal. */
  | 'SEATS_LOW'
  /** The directory is in preview mode and going live needs more seats than are free. */
  | 'SEATS_SHORT'
  /** Users could not be provisioned because every seat is in use. */
  | 'SEAT_LIMIT_REACHED'
  /** Requests failed on the server (5xx). */
  | 'SERVER_ERROR'
  /** The server was too busy for some requests and answered 503. */
  | 'SERVER_OVERLOADED'
  /** The Secret Token arrives while the directory accepts only OAuth access tokens. */
  | 'STATIC_TOKEN_REFUSED'
  /** Requests carry the Secret Token a rotation replaced, after its overlap ended. */
  | 'TOKEN_ROTATED_OUT'
  /** The provider tried to create users or groups that already exist (409). */
  | 'USER_CONFLICT'
  /** The directory’s token arrives under another provider’s Tenant URL. */
  | 'WRONG_PROVIDER';

/** Where a directory’s connection stands, in the order a new directory goes through them; ERROR and DISABLED can come at any point. */
export type ConnectionState =
  /** The directory is disabled in cardbridge: its requests are refused. */
  | 'DISABLED'
  /** Provisioning does not work until a problem is fixed; see problems. */
  | 'ERROR'
  /** The first user is provisioned, and the provider has sent nothing more than a minute after it. */
  | 'FIRST_USER'
  /** The provider provisions users and keeps sending its cycles. */
  | 'SYNCING'
  /** The provider reached the directory with its token (e.g. Entra’s Test Connection), but no user is provisioned yet. */
  | 'TEST_CONNECTION_SEEN'
  /** No request with the directory’s token has arrived yet: paste the Tenant URL and Secret Token into the provider and test the connection. */
  | 'WAITING_FOR_FIRST_REQUEST';

/** A new directory connection. */
export type CreateDirectoryInput = {
  /** PREVIEW to see what the directory would do before it claims seats, makes cards or sends e-mail (goLiveDirectory applies it); omitted or null: LIVE. */
  mode?: DirectoryMode | null | undefined;
  /** Name shown to admins, 1–200 characters. */
  name: string;
  /** Provider plugin, e.g. entra or okta. */
  provider: string;
};

/** An attribute of a custom extension schema. */
export type CustomAttributeInput = {
  /** The card field its value feeds (single-valued STRING only; each card field at most once per directory). */
  cardField?: CardField | null | undefined;
  /** Whether text compares case-sensitively in filters and sorting. */
  caseExact?: boolean;
  /** Whether it holds a list of values. */
  multiValued?: boolean;
  /** Attribute name as Entra’s mapping target names it after the schema URN (RFC 7643 ATTRNAME: a letter, then letters, digits, "-" or "_"; at most 64). Case-insensitive, unique in the schema. */
  name: string;
  /** Its data type. */
  type?: CustomAttributeType;
};

/** The SCIM data type of a custom extension attribute (RFC 7643 §2.3); values of another type are refused with 400 invalidValue. */
export type CustomAttributeType =
  /** A JSON true or false (Entra’s dialect also takes the strings "True" and "False"). */
  | 'BOOLEAN'
  /** An xsd:dateTime such as 2026-01-31T09:00:00Z. */
  | 'DATE_TIME'
  /** A number. */
  | 'DECIMAL'
  /** A whole number. */
  | 'INTEGER'
  /** A URI. */
  | 'REFERENCE'
  /** Text (compared case-insensitively unless caseExact). */
  | 'STRING';

/** A custom SCIM extension schema of the User resource (RFC 7643 §3.3), e.g. the URN an Entra attribute mapping puts `extension_<appId>_<attr>` sources under. */
export type CustomSchemaInput = {
  /** Its attributes (1–100). */
  attributes: Array<CustomAttributeInput>;
  /** Its name in /Schemas; default: from the URN (CustomExtensionName). */
  name?: string | null | undefined;
  /** The schema URN, e.g. urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User. Not a core, API-message or Enterprise User URN; no URN inside another. */
  urn: string;
};

/** What happens to the card of a user the directory deactivates (active=false). The card is never deleted by a deactivation; only DELETE removes it. */
export type DeprovisionPolicy =
  /** The card stays public while the user is deactivated (an explicit choice; formerly the default, named KEEP). */
  | 'KEEP_PUBLIC'
  /** The default: the card is kept but not shown — its page, vCard, QR codes and photo answer 410 until the user is active again. */
  | 'SUSPEND';

/** Whether a directory provisions for real or only shows what it would do. */
export type DirectoryMode =
  /** The directory provisions: every user claims a seat and gets a card, invites go out where they are on. The default. */
  | 'LIVE'
  /** The directory takes the identity provider’s whole cycle (users and groups are stored and read back as in live mode) but claims no seat, makes no card and sends no e-mail; goLiveDirectory applies what it stored. */
  | 'PREVIEW';

/** Entra-issued OAuth access tokens the directory accepts, verified against the tenant’s signing keys. */
export type DirectoryOAuthInput = {
  /** The audience the tokens carry (aud): the application (client) id or App ID URI. */
  audience: string;
  /** Refuse the directory’s Secret Token (401) while OAuth is on. */
  refuseStaticToken?: boolean;
  /** The Entra tenant id (a GUID: the tokens’ tid). */
  tenantId: string;
};

/** Whether a directory may provision (disabled directories get 403). */
export type DirectoryStatus =
  /** The Tenant URL serves SCIM requests that carry the directory’s token. */
  | 'ACTIVE'
  /** Every SCIM request under the Tenant URL is refused with 403 (counted in refusedRequests as directory-disabled); users and cards stay. */
  | 'DISABLED';

/** Another organization that users of the directory may be assigned to by the domain of their e-mail address. */
export type DomainAssignmentTargetInput = {
  /** The organization’s id. */
  organizationId: string;
  /** A token (product token or Sign in with Microsoft ID token) of an owner of that organization: proof that the same owner controls it. Needed for an organization not yet a target; never stored. */
  ownerToken?: string | null | undefined;
};

/** Whether a provisioning request (or a background job or sign-in in the log) succeeded. */
export type EventOutcome =
  /** Answered with an error status, 400 or above (a job: it failed); scimType and detail say why. */
  | 'FAILURE'
  /** Answered with a status below 400 (a job: done). */
  | 'SUCCESS';

/** Where the invite e-mail of a user stands. */
export type InviteStatus =
  /** The user accepted the invite; nobody invites them again. */
  | 'ACCEPTED'
  /** No invite is due: invite e-mails are off for the user’s directory, or the user has no e-mail address. */
  | 'NONE'
  /** An invite e-mail is queued and the job queue sends it; a deactivated user’s waits until the directory reactivates them. */
  | 'PENDING'
  /** The invite e-mail went out; resendInvites sends it again. */
  | 'SENT';

/** The SCIM attribute that identifies a user of this directory. */
export type MatchingAttribute =
  /** The externalId is the key: every user needs one, unique in the directory with exact case; userName stays unique too. */
  | 'EXTERNAL_ID'
  /** The default: userName is the key, unique in the directory; externalId is only stored. */
  | 'USER_NAME';

/** Profile-photo sync credentials (an Entra app allowed to read user photos). */
export type PhotoSyncInput = {
  /** Application (client) id. */
  clientId: string;
  /** Client secret; write-only (stored encrypted, never returned). Omit to keep the stored one. */
  clientSecret?: string | null | undefined;
  /** Whether photos are fetched. */
  enabled: boolean;
  /** Entra tenant id. */
  tenantId: string;
};

/** How much a connection problem matters. */
export type ProblemSeverity =
  /** Provisioning does not work until it is fixed. */
  | 'ERROR'
  /** Some requests failed or were slowed down; provisioning goes on. */
  | 'WARNING';

/** Narrows the provisioning log. */
export type ProvisioningEventFilterInput = {
  /** Only requests of this directory. */
  directoryId?: string | null | undefined;
  /** Only events about this group: its creation, renames, membership changes and deletion. */
  groupId?: string | null | undefined;
  /** Only successes or failures. */
  outcome?: EventOutcome | null | undefined;
  /** Only requests at or after this time. */
  since?: string | null | undefined;
  /** Only events answered with one of these HTTP statuses (at most 20), e.g. [403, 409]. Requests refused before they were served (a wrong token, the rate limit) are not events: read them in Directory.refusedRequests and Directory.connection. */
  statuses?: Array<number> | null | undefined;
  /** Only requests before this time. */
  until?: string | null | undefined;
  /** Only events about this user: its creation, updates, deactivation, deletion and reads by id. */
  userId?: string | null | undefined;
  /** Only events about the users with this userName (compared case-insensitively), in any directory of the organization. In a subscription it also matches users provisioned after it started. */
  userName?: string | null | undefined;
};

/** Which directory gets a new Secret Token. */
export type RotateDirectoryTokenInput = {
  /** The directory. */
  directoryId: string;
  /** Seconds the old token keeps working (0–604800), so a running cycle finishes; omitted or null: the directory’s tokenOverlapSeconds setting (default 0). */
  overlapSeconds?: number | null | undefined;
};

/** The verdict of a seat forecast. */
export type SeatForecastStatus =
  /** The needed seats do not fit into the free ones: going live would be refused with SEAT_LIMIT_REACHED. */
  | 'EXCEEDED'
  /** The needed seats fit, but fewer free seats than the warning margin would be left: the next users will be refused unless the limit is raised. The warning comes before the first refusal. */
  | 'LOW'
  /** The needed seats fit, with at least the warning margin to spare. */
  | 'OK';

/** A group → template rule: members of the group get the template (highest priority wins). */
export type SetGroupTemplateInput = {
  /** The group. */
  groupId: string;
  /** Priority among the user’s groups; higher wins. */
  priority?: number;
  /** The template; null removes the rule. */
  templateId?: string | null | undefined;
};

/** A value the portal fills in. In a step’s text it is written in braces with its camel-case name, e.g. {tenantUrl}. */
export type SetupPlaceholder =
  /** The directory’s id ({directoryId}). */
  | 'DIRECTORY_ID'
  /** The name the admin gave the directory ({directoryName}). */
  | 'DIRECTORY_NAME'
  /** The SCIM attribute the directory identifies users by, userName or externalId ({matchingAttribute}). */
  | 'MATCHING_ATTRIBUTE'
  /** The public base URL of this cardbridge server ({publicUrl}). */
  | 'PUBLIC_URL'
  /** The directory’s Secret Token ({secretToken}). It is shown only once, when the directory is created or its token rotated. */
  | 'SECRET_TOKEN'
  /** The directory’s Tenant URL ({tenantUrl}). */
  | 'TENANT_URL';

/** Changes to a directory; omitted fields stay as they are. */
export type UpdateDirectorySettingsInput = {
  /** The custom extension schemas of the User resource the directory sends (at most 20); replaces the declared list ([] removes them). /Schemas and /ResourceTypes follow at once; data under an undeclared schema is refused with 400 invalidValue naming it. */
  customSchemas?: Array<CustomSchemaInput> | null | undefined;
  /** Suspend (the default) or keep public the cards of deactivated users; applies to users already deactivated too. */
  deprovisionPolicy?: DeprovisionPolicy | null | undefined;
  /** The directory. */
  directoryId: string;
  /** Assign users to organizations by e-mail domain. */
  domainAssignment?: boolean | null | undefined;
  /** The other organizations (at most 20) users may be assigned to by e-mail domain when domainAssignment is on; replaces the list. Owners only; each organization new to the list needs an owner’s token of it (FORBIDDEN otherwise, alike for organizations that do not exist). */
  domainAssignmentTargets?: Array<DomainAssignmentTargetInput> | null | undefined;
  /** Send invite e-mails to new users. */
  invitesEnabled?: boolean | null | undefined;
  /** The attribute the provider matches users by (Entra: the matching attribute of the mappings). USER_NAME (the default): userName is the key. EXTERNAL_ID: every user needs an externalId, unique in the directory (exact case), as Entra sends with userName ← objectId and externalId ← userPrincipalName. Refused with CONFLICT while users lack an externalId or share one. */
  matchingAttribute?: MatchingAttribute | null | undefined;
  /** PREVIEW, only while the directory has no users (CONFLICT otherwise); a directory leaves preview only through goLiveDirectory (LIVE here is refused). */
  mode?: DirectoryMode | null | undefined;
  /** New name. */
  name?: string | null | undefined;
  /** Accept Entra-issued OAuth access tokens (optionally only those); null turns OAuth off and the Secret Token works again. */
  oauth?: DirectoryOAuthInput | null | undefined;
  /** Photo-sync settings; null removes them and the stored secret. */
  photoSync?: PhotoSyncInput | null | undefined;
  /** SCIM requests per second for this directory before 429 with Retry-After (burst twice that; 0–100000, 0 = no limit); null returns to the instance default SCIM_RATE_LIMIT_PER_SECOND. */
  rateLimitPerSecond?: number | null | undefined;
  /** Days the directory’s provisioning events are kept (0–36500; 0 = no age limit); null returns to the instance default. Applied by the retention job’s next pass. */
  retentionDays?: number | null | undefined;
  /** How many of the directory’s newest provisioning events are kept (0–1000000000; 0 = no count limit); null returns to the instance default. */
  retentionMaxEvents?: number | null | undefined;
  /** Disable or re-enable provisioning. */
  status?: DirectoryStatus | null | undefined;
  /** Default card template; null clears it. Cards of the directory’s users follow. */
  templateId?: string | null | undefined;
  /** Seconds the previous Secret Token keeps working after a rotateDirectoryToken that names no overlap (0–604800); null returns to 0. */
  tokenOverlapSeconds?: number | null | undefined;
};

export type SeatForecastFieldsFragment = { limit: number, used: number, available: number, needed: number, remaining: number, shortfall: number, warnBelow: number, status: SeatForecastStatus, message: string };

export type DirectoryCardFieldsFragment = { id: string, name: string, provider: string, status: DirectoryStatus, mode: DirectoryMode, createdAt: string, lastSyncAt: string | null, userCount: number, groupCount: number, tenantUrl: string, providerDetails: { name: string, displayName: string, logoUrl: string | null } | null, connection: { state: ConnectionState, lastRequestAt: string | null, lastSyncAt: string | null, testConnectionAt: string | null, firstUserAt: string | null, problems: Array<{ code: ConnectionProblemCode, severity: ProblemSeverity, message: string, fix: string, count: number, lastSeenAt: string | null, detail: string | null }> } };

export type PortalHomeQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalHomeQuery = { organization: { id: string, name: string, seats: { limit: number, used: number, available: number }, seatForecast: { limit: number, used: number, available: number, needed: number, remaining: number, shortfall: number, warnBelow: number, status: SeatForecastStatus, message: string } }, directories: Array<{ id: string, name: string, provider: string, status: DirectoryStatus, mode: DirectoryMode, createdAt: string, lastSyncAt: string | null, userCount: number, groupCount: number, tenantUrl: string, providerDetails: { name: string, displayName: string, logoUrl: string | null } | null, connection: { state: ConnectionState, lastRequestAt: string | null, lastSyncAt: string | null, testConnectionAt: string | null, firstUserAt: string | null, problems: Array<{ code: ConnectionProblemCode, severity: ProblemSeverity, message: string, fix: string, count: number, lastSeenAt: string | null, detail: string | null }> } }> };

export type PortalProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalProvidersQuery = { directoryProviders: Array<{ name: string, displayName: string, description: string | null, logoUrl: string | null, docsUrl: string | null, supportsOAuth: boolean, matchingAttributes: Array<{ attribute: MatchingAttribute, providerAttribute: string, description: string, isDefault: boolean }> }>, templates: Array<{ id: string, name: string }>, organization: { id: string, seats: { limit: number, used: number, available: number } } };

export type PortalCreateDirectoryMutationVariables = Exact<{
  input: CreateDirectoryInput;
}>;


export type PortalCreateDirectoryMutation = { createDirectory: { tenantUrl: string, secretToken: string, directory: { id: string, name: string, provider: string, status: DirectoryStatus, mode: DirectoryMode, createdAt: string, lastSyncAt: string | null, userCount: number, groupCount: number, tenantUrl: string, providerDetails: { name: string, displayName: string, logoUrl: string | null } | null, connection: { state: ConnectionState, lastRequestAt: string | null, lastSyncAt: string | null, testConnectionAt: string | null, firstUserAt: string | null, problems: Array<{ code: ConnectionProblemCode, severity: ProblemSeverity, message: string, fix: string, count: number, lastSeenAt: string | null, detail: string | null }> } } } };

export type SettingsFieldsFragment = { matchingAttribute: MatchingAttribute, invitesEnabled: boolean, domainAssignment: boolean, deprovisionPolicy: DeprovisionPolicy, templateId: string | null, tokenOverlapSeconds: number, oauth: { tenantId: string, audience: string, refuseStaticToken: boolean } | null, photoSync: { enabled: boolean, clientId: string, tenantId: string, hasClientSecret: boolean } | null, customSchemas: Array<{ urn: string, name: string, attributes: Array<{ name: string, type: CustomAttributeType, multiValued: boolean, caseExact: boolean, cardField: CardField | null }> }> };

export type PortalUpdateSettingsMutationVariables = Exact<{
  input: UpdateDirectorySettingsInput;
}>;


export type PortalUpdateSettingsMutation = { updateDirectorySettings: { directory: { id: string, name: string, provider: string, status: DirectoryStatus, mode: DirectoryMode, createdAt: string, lastSyncAt: string | null, userCount: number, groupCount: number, tenantUrl: string, settings: { matchingAttribute: MatchingAttribute, invitesEnabled: boolean, domainAssignment: boolean, deprovisionPolicy: DeprovisionPolicy, templateId: string | null, tokenOverlapSeconds: number, oauth: { tenantId: string, audience: string, refuseStaticToken: boolean } | null, photoSync: { enabled: boolean, clientId: string, tenantId: string, hasClientSecret: boolean } | null, customSchemas: Array<{ urn: string, name: string, attributes: Array<{ name: string, type: CustomAttributeType, multiValued: boolean, caseExact: boolean, cardField: CardField | null }> }> }, providerDetails: { name: string, displayName: string, logoUrl: string | null } | null, connection: { state: ConnectionState, lastRequestAt: string | null, lastSyncAt: string | null, testConnectionAt: string | null, firstUserAt: string | null, problems: Array<{ code: ConnectionProblemCode, severity: ProblemSeverity, message: string, fix: string, count: number, lastSeenAt: string | null, detail: string | null }> } } } };

export type PortalDirectoryQueryVariables = Exact<{
  id: string;
}>;


export type PortalDirectoryQuery = { directory: { id: string, name: string, provider: string, status: DirectoryStatus, mode: DirectoryMode, createdAt: string, lastSyncAt: string | null, userCount: number, groupCount: number, tenantUrl: string, settings: { matchingAttribute: MatchingAttribute, invitesEnabled: boolean, domainAssignment: boolean, deprovisionPolicy: DeprovisionPolicy, templateId: string | null, tokenOverlapSeconds: number, oauth: { tenantId: string, audience: string, refuseStaticToken: boolean } | null, photoSync: { enabled: boolean, clientId: string, tenantId: string, hasClientSecret: boolean } | null, customSchemas: Array<{ urn: string, name: string, attributes: Array<{ name: string, type: CustomAttributeType, multiValued: boolean, caseExact: boolean, cardField: CardField | null }> }> }, providerDetails: { name: string, displayName: string, logoUrl: string | null, supportsOAuth: boolean, docsUrl: string | null, matchingAttributes: Array<{ attribute: MatchingAttribute, providerAttribute: string, description: string, isDefault: boolean }>, setupSteps: Array<{ title: string, body: string, values: Array<{ label: string, placeholder: SetupPlaceholder }>, links: Array<{ label: string, url: string }> }> } | null, connection: { state: ConnectionState, lastRequestAt: string | null, lastSyncAt: string | null, testConnectionAt: string | null, firstUserAt: string | null, problems: Array<{ code: ConnectionProblemCode, severity: ProblemSeverity, message: string, fix: string, count: number, lastSeenAt: string | null, detail: string | null }> } } | null, organization: { id: string, seats: { limit: number, used: number, available: number }, seatForecast: { limit: number, used: number, available: number, needed: number, remaining: number, shortfall: number, warnBelow: number, status: SeatForecastStatus, message: string } }, templates: Array<{ id: string, name: string }> };

export type PortalGroupsQueryVariables = Exact<{
  directoryId: string;
}>;


export type PortalGroupsQuery = { groups: { totalCount: number, edges: Array<{ node: { id: string, displayName: string, memberCount: number, templatePriority: number, template: { id: string, name: string } | null } }> } };

export type PortalSetGroupTemplateMutationVariables = Exact<{
  input: SetGroupTemplateInput;
}>;


export type PortalSetGroupTemplateMutation = { setGroupTemplate: { cardsUpdated: number, group: { id: string, templatePriority: number, template: { id: string, name: string } | null } } };

export type PortalRotateTokenMutationVariables = Exact<{
  input: RotateDirectoryTokenInput;
}>;


export type PortalRotateTokenMutation = { rotateDirectoryToken: { secretToken: string, overlapSeconds: number, directory: { id: string } } };

export type PortalResendInvitesMutationVariables = Exact<{ [key: string]: never; }>;


export type PortalResendInvitesMutation = { resendInvites: { count: number } };

export type EventFieldsFragment = { id: string, directoryId: string, occurredAt: string, operation: string, outcome: EventOutcome, status: number, resourceType: string | null, durationMs: number, request: { method: string, path: string, operation: string, resourceType: string | null, resourceId: string | null, requestId: string | null }, response: { status: number, outcome: EventOutcome, scimType: string | null, detail: string | null, summary: string } };

export type PortalLogQueryVariables = Exact<{
  filter?: ProvisioningEventFilterInput | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type PortalLogQuery = { provisioningEvents: { edges: Array<{ node: { id: string, directoryId: string, occurredAt: string, operation: string, outcome: EventOutcome, status: number, resourceType: string | null, durationMs: number, request: { method: string, path: string, operation: string, resourceType: string | null, resourceId: string | null, requestId: string | null }, response: { status: number, outcome: EventOutcome, scimType: string | null, detail: string | null, summary: string } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type PortalLiveLogSubscriptionVariables = Exact<{
  filter?: ProvisioningEventFilterInput | null | undefined;
}>;


export type PortalLiveLogSubscription = { provisioningEvents: { id: string, directoryId: string, occurredAt: string, operation: string, outcome: EventOutcome, status: number, resourceType: string | null, durationMs: number, request: { method: string, path: string, operation: string, resourceType: string | null, resourceId: string | null, requestId: string | null }, response: { status: number, outcome: EventOutcome, scimType: string | null, detail: string | null, summary: string } } };

export type PortalUsersQueryVariables = Exact<{
  directoryId: string;
}>;


export type PortalUsersQuery = { users: { totalCount: number, edges: Array<{ node: { id: string, displayName: string | null, userName: string | null, email: string | null, active: boolean, inviteStatus: InviteStatus, card: { id: string, publicUrl: string, status: CardStatus, template: { name: string } | null } | null } }> } };

export type PortalPreviewQueryVariables = Exact<{
  id: string;
}>;


export type PortalPreviewQuery = { directory: { id: string, mode: DirectoryMode, preview: { userCount: number, activeUserCount: number, groupCount: number, cardsToCreate: number, suspendedCards: number, seatsNeeded: number, seatsNeededElsewhere: number, invitesToSend: number, templates: Array<{ templateId: string | null, users: number }>, seatForecast: { limit: number, used: number, available: number, needed: number, remaining: number, shortfall: number, warnBelow: number, status: SeatForecastStatus, message: string }, users: { totalCount: number, edges: Array<{ node: { id: string, userName: string, displayName: string | null, email: string | null, active: boolean, needsSeat: boolean, createsCard: boolean, sendsInvite: boolean, cardStatus: CardStatus, template: { id: string, name: string } | null } }> } } } | null };

export type PortalSeatForecastQueryVariables = Exact<{
  id: string;
}>;


export type PortalSeatForecastQuery = { directory: { id: string, seatForecast: { limit: number, used: number, available: number, needed: number, remaining: number, shortfall: number, warnBelow: number, status: SeatForecastStatus, message: string } } | null };

export type PortalGoLiveMutationVariables = Exact<{
  id: string;
}>;


export type PortalGoLiveMutation = { goLiveDirectory: { seatsClaimed: number, cardsCreated: number, cardsUpdated: number, invitesQueued: number, directory: { id: string, name: string, provider: string, status: DirectoryStatus, mode: DirectoryMode, createdAt: string, lastSyncAt: string | null, userCount: number, groupCount: number, tenantUrl: string, providerDetails: { name: string, displayName: string, logoUrl: string | null } | null, connection: { state: ConnectionState, lastRequestAt: string | null, lastSyncAt: string | null, testConnectionAt: string | null, firstUserAt: string | null, problems: Array<{ code: ConnectionProblemCode, severity: ProblemSeverity, message: string, fix: string, count: number, lastSeenAt: string | null, detail: string | null }> } } } };

export const SeatForecastFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatForecastFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SeatForecast"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"needed"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"shortfall"}},{"kind":"Field","name":{"kind":"Name","value":"warnBelow"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<SeatForecastFieldsFragment, unknown>;
export const DirectoryCardFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DirectoryCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Directory"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"groupCount"}},{"kind":"Field","name":{"kind":"Name","value":"tenantUrl"}},{"kind":"Field","name":{"kind":"Name","value":"providerDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastRequestAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"testConnectionAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstUserAt"}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fix"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]} as unknown as DocumentNode<DirectoryCardFieldsFragment, unknown>;
export const SettingsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DirectorySettingsType"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchingAttribute"}},{"kind":"Field","name":{"kind":"Name","value":"invitesEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"domainAssignment"}},{"kind":"Field","name":{"kind":"Name","value":"deprovisionPolicy"}},{"kind":"Field","name":{"kind":"Name","value":"templateId"}},{"kind":"Field","name":{"kind":"Name","value":"tokenOverlapSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"oauth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"refuseStaticToken"}}]}},{"kind":"Field","name":{"kind":"Name","value":"photoSync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"hasClientSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customSchemas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"urn"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiValued"}},{"kind":"Field","name":{"kind":"Name","value":"caseExact"}},{"kind":"Field","name":{"kind":"Name","value":"cardField"}}]}}]}}]}}]} as unknown as DocumentNode<SettingsFieldsFragment, unknown>;
export const EventFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"directoryId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"request"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"response"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"scimType"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]} as unknown as DocumentNode<EventFieldsFragment, unknown>;
export const PortalHomeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalHome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"seats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}},{"kind":"Field","name":{"kind":"Name","value":"seatForecast"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatForecastFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"directories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DirectoryCardFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatForecastFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SeatForecast"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"needed"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"shortfall"}},{"kind":"Field","name":{"kind":"Name","value":"warnBelow"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DirectoryCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Directory"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"groupCount"}},{"kind":"Field","name":{"kind":"Name","value":"tenantUrl"}},{"kind":"Field","name":{"kind":"Name","value":"providerDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastRequestAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"testConnectionAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstUserAt"}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fix"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]} as unknown as DocumentNode<PortalHomeQuery, PortalHomeQueryVariables>;
export const PortalProvidersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalProviders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"directoryProviders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"docsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"supportsOAuth"}},{"kind":"Field","name":{"kind":"Name","value":"matchingAttributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"providerAttribute"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"templates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}}]}}]}}]} as unknown as DocumentNode<PortalProvidersQuery, PortalProvidersQueryVariables>;
export const PortalCreateDirectoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalCreateDirectory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDirectoryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDirectory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantUrl"}},{"kind":"Field","name":{"kind":"Name","value":"secretToken"}},{"kind":"Field","name":{"kind":"Name","value":"directory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DirectoryCardFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DirectoryCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Directory"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"groupCount"}},{"kind":"Field","name":{"kind":"Name","value":"tenantUrl"}},{"kind":"Field","name":{"kind":"Name","value":"providerDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastRequestAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"testConnectionAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstUserAt"}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fix"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]} as unknown as DocumentNode<PortalCreateDirectoryMutation, PortalCreateDirectoryMutationVariables>;
export const PortalUpdateSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalUpdateSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateDirectorySettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDirectorySettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"directory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DirectoryCardFields"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SettingsFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DirectoryCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Directory"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"groupCount"}},{"kind":"Field","name":{"kind":"Name","value":"tenantUrl"}},{"kind":"Field","name":{"kind":"Name","value":"providerDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastRequestAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"testConnectionAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstUserAt"}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fix"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DirectorySettingsType"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchingAttribute"}},{"kind":"Field","name":{"kind":"Name","value":"invitesEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"domainAssignment"}},{"kind":"Field","name":{"kind":"Name","value":"deprovisionPolicy"}},{"kind":"Field","name":{"kind":"Name","value":"templateId"}},{"kind":"Field","name":{"kind":"Name","value":"tokenOverlapSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"oauth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"refuseStaticToken"}}]}},{"kind":"Field","name":{"kind":"Name","value":"photoSync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"hasClientSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customSchemas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"urn"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiValued"}},{"kind":"Field","name":{"kind":"Name","value":"caseExact"}},{"kind":"Field","name":{"kind":"Name","value":"cardField"}}]}}]}}]}}]} as unknown as DocumentNode<PortalUpdateSettingsMutation, PortalUpdateSettingsMutationVariables>;
export const PortalDirectoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalDirectory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"directory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DirectoryCardFields"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SettingsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"providerDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"supportsOAuth"}},{"kind":"Field","name":{"kind":"Name","value":"docsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"matchingAttributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"providerAttribute"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"Field","name":{"kind":"Name","value":"setupSteps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}}]}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}},{"kind":"Field","name":{"kind":"Name","value":"seatForecast"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatForecastFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"templates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DirectoryCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Directory"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"groupCount"}},{"kind":"Field","name":{"kind":"Name","value":"tenantUrl"}},{"kind":"Field","name":{"kind":"Name","value":"providerDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastRequestAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"testConnectionAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstUserAt"}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fix"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DirectorySettingsType"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchingAttribute"}},{"kind":"Field","name":{"kind":"Name","value":"invitesEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"domainAssignment"}},{"kind":"Field","name":{"kind":"Name","value":"deprovisionPolicy"}},{"kind":"Field","name":{"kind":"Name","value":"templateId"}},{"kind":"Field","name":{"kind":"Name","value":"tokenOverlapSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"oauth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"refuseStaticToken"}}]}},{"kind":"Field","name":{"kind":"Name","value":"photoSync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"hasClientSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customSchemas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"urn"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiValued"}},{"kind":"Field","name":{"kind":"Name","value":"caseExact"}},{"kind":"Field","name":{"kind":"Name","value":"cardField"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatForecastFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SeatForecast"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"needed"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"shortfall"}},{"kind":"Field","name":{"kind":"Name","value":"warnBelow"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<PortalDirectoryQuery, PortalDirectoryQueryVariables>;
export const PortalGroupsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalGroups"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"directoryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"directoryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"directoryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"templatePriority"}},{"kind":"Field","name":{"kind":"Name","value":"template"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalGroupsQuery, PortalGroupsQueryVariables>;
export const PortalSetGroupTemplateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalSetGroupTemplate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetGroupTemplateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setGroupTemplate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"templatePriority"}},{"kind":"Field","name":{"kind":"Name","value":"template"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalSetGroupTemplateMutation, PortalSetGroupTemplateMutationVariables>;
export const PortalRotateTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalRotateToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RotateDirectoryTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateDirectoryToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secretToken"}},{"kind":"Field","name":{"kind":"Name","value":"overlapSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"directory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<PortalRotateTokenMutation, PortalRotateTokenMutationVariables>;
export const PortalResendInvitesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalResendInvites"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendInvites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<PortalResendInvitesMutation, PortalResendInvitesMutationVariables>;
export const PortalLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningEventFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provisioningEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"directoryId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"request"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"response"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"scimType"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]} as unknown as DocumentNode<PortalLogQuery, PortalLogQueryVariables>;
export const PortalLiveLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PortalLiveLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningEventFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provisioningEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"directoryId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"request"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"response"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"scimType"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]} as unknown as DocumentNode<PortalLiveLogSubscription, PortalLiveLogSubscriptionVariables>;
export const PortalUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"directoryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"directoryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"directoryId"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"CREATED_AT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"inviteStatus"}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"publicUrl"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"template"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalUsersQuery, PortalUsersQueryVariables>;
export const PortalPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"directory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"preview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"activeUserCount"}},{"kind":"Field","name":{"kind":"Name","value":"groupCount"}},{"kind":"Field","name":{"kind":"Name","value":"cardsToCreate"}},{"kind":"Field","name":{"kind":"Name","value":"suspendedCards"}},{"kind":"Field","name":{"kind":"Name","value":"seatsNeeded"}},{"kind":"Field","name":{"kind":"Name","value":"seatsNeededElsewhere"}},{"kind":"Field","name":{"kind":"Name","value":"invitesToSend"}},{"kind":"Field","name":{"kind":"Name","value":"templates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"templateId"}},{"kind":"Field","name":{"kind":"Name","value":"users"}}]}},{"kind":"Field","name":{"kind":"Name","value":"seatForecast"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatForecastFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"needsSeat"}},{"kind":"Field","name":{"kind":"Name","value":"createsCard"}},{"kind":"Field","name":{"kind":"Name","value":"sendsInvite"}},{"kind":"Field","name":{"kind":"Name","value":"cardStatus"}},{"kind":"Field","name":{"kind":"Name","value":"template"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatForecastFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SeatForecast"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"needed"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"shortfall"}},{"kind":"Field","name":{"kind":"Name","value":"warnBelow"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<PortalPreviewQuery, PortalPreviewQueryVariables>;
export const PortalSeatForecastDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalSeatForecast"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"directory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatForecast"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatForecastFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatForecastFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SeatForecast"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"needed"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"shortfall"}},{"kind":"Field","name":{"kind":"Name","value":"warnBelow"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<PortalSeatForecastQuery, PortalSeatForecastQueryVariables>;
export const PortalGoLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalGoLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goLiveDirectory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seatsClaimed"}},{"kind":"Field","name":{"kind":"Name","value":"cardsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"cardsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"invitesQueued"}},{"kind":"Field","name":{"kind":"Name","value":"directory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DirectoryCardFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DirectoryCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Directory"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"groupCount"}},{"kind":"Field","name":{"kind":"Name","value":"tenantUrl"}},{"kind":"Field","name":{"kind":"Name","value":"providerDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastRequestAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"testConnectionAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstUserAt"}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fix"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]} as unknown as DocumentNode<PortalGoLiveMutation, PortalGoLiveMutationVariables>;