/**
 * The provisioning port: the only way a plugin writes users, groups and memberships. Card rules (seats, cards,
 * linking, deprovisioning) run behind it, so every provider gets them without writing a line.
 * @packageDocumentation
 */
import type { FilterNode, ResolvedPath } from '../scim/index.js';
import type { UserProfile } from '../domain/users/user-profile.js';

/**
 * A custom extension schema a directory declares: its `name` in `/Schemas` and its attributes, each with an
 * RFC 7643 §2.3 type (complex and binary are not offered). @public
 */
export interface CustomSchemaDeclaration {
  readonly name: string;
  readonly attributes: readonly {
    readonly name: string;
    readonly type: 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference';
    readonly multiValued: boolean;
    readonly caseExact: boolean;
    /** The card field the attribute's value feeds (the host applies it behind the port). */
    readonly cardField?: 'displayName' | 'givenName' | 'familyName' | 'title' | 'department' | 'company';
  }[];
}

/** A directory as a plugin sees it. @public */
export interface DirectoryInfo {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly provider: string;
  readonly status: 'active' | 'disabled';
  readonly settings: Readonly<{
    /** Which attribute identifies a user for matching: `userName` (default) or `externalId`. */
    matchingAttribute?: 'userName' | 'externalId';
    /**
     * Custom SCIM extension schemas of the User resource the directory declares (RFC 7643 §3.3): URN → its name and
     * typed attributes (since 1.2.0). A bare list of names (what 1.1.0 described) declares case-insensitive single
     * strings; `serveScim` reads both.
     */
    customSchemas?: Readonly<Record<string, CustomSchemaDeclaration | readonly string[]>>;
    /**
     * Entra-issued OAuth access tokens the directory accepts besides its Secret Token; with `refuseStaticToken` it
     * accepts only those (since 1.2.0). `authenticate` applies it.
     */
    oauth?: Readonly<{ tenantId: string; audience: string; refuseStaticToken?: boolean }> | null;
    /**
     * What `active: false` does to the user's card (it is never deleted): `suspend` (default, also when unset) takes
     * it off every public route (410) until the user is active again; `keepPublic` keeps it shown.
     */
    deprovisionPolicy?: 'suspend' | 'keepPublic';
  }>;
}

/** Card-relevant profile of a user, provider-neutral: the domain's one profile type. @public */
export type UserProfileInput = UserProfile;

/** A user as a plugin writes it; `attributes` is stored as given and read back unchanged. @public */
export interface UserInput {
  userName: string;
  externalId?: string | null;
  active: boolean;
  attributes: Record<string, unknown>;
  profile: UserProfileInput;
}

/**
 * A stored user. `version` changes on every write to the user (use it as the ETag); a change of the user's group
 * memberships (`groups`, written through groups) leaves it as it is. @public
 */
export interface UserOutput {
  readonly id: string;
  readonly organizationId: string;
  readonly directoryId: string;
  readonly userName: string;
  readonly externalId: string | null;
  readonly active: boolean;
  readonly attributes: Record<string, unknown>;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly groups?: { value: string; display: string }[];
}

/** A group as a plugin writes it (members travel separately). @public */
export interface GroupInput {
  displayName: string;
  externalId?: string | null;
  attributes: Record<string, unknown>;
}

/**
 * A stored group; `members` only when asked for. `version` changes on every write to the group, membership changes
 * included (use it as the ETag). @public
 */
export interface GroupOutput {
  readonly id: string;
  readonly organizationId: string;
  readonly directoryId: string;
  readonly displayName: string;
  readonly externalId: string | null;
  readonly attributes: Record<string, unknown>;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly members?: { value: string; display: string | null }[];
}

/** Set-based membership changes (user ids). `replace` replaces the whole set. @public */
export interface MemberDelta {
  add?: readonly string[];
  remove?: readonly string[];
  replace?: readonly string[];
}

/**
 * What the caller knows about the request a port call serves (since 1.3.0): the provisioning log records it. With a
 * descriptor a write records its event inside its own transaction (an acknowledged change always has its log entry,
 * with `status`); a read notes what it read, for the entry the host writes when the request ends. `serveScim`
 * passes the descriptor of every request; a plugin's own route may pass one it makes. Without one a call writes
 * nothing to the log itself: the host still logs the request at its edge, by method and path. @public
 */
export interface RequestDescriptor {
  /** The request's id (`x-request-id`, or the one the host gave it): the log quotes it. */
  readonly id?: string;
  /** The HTTP method, e.g. `PATCH`. */
  readonly method: string;
  /** The request's path (no query string). */
  readonly path: string;
  /** `performance.now()` when the request arrived: the logged duration runs from here. */
  readonly startedAt: number;
  /**
   * The HTTP status the caller answers when the call succeeds, recorded with a write's event; the host's status for
   * the method (POST 201, PUT and PATCH 200, DELETE 204) when unset. `serveScim` sets it from its status table.
   */
  status?: number;
  /** Set by the port, never by the caller: what the call did, for the host's log of the request. */
  outcome?: RequestOutcome;
}

/** What a port call did for its request, as the provisioning log records it (since 1.3.0). @public */
export interface RequestOutcome {
  /** `create`, `read`, `list`, `replace`, `patch`, `update` or `delete`. */
  readonly operation: string;
  readonly resourceType: 'User' | 'Group';
  /** The resource's id once known (a create's after it committed). */
  readonly resourceId?: string;
  /** True once a write committed its own event: the host then logs nothing more for the request. */
  readonly recorded: boolean;
}

/** Options every port call takes (since 1.3.0). @public */
export interface RequestOptions {
  /** The request the call serves (see {@link RequestDescriptor}). */
  request?: RequestDescriptor;
}

/** A list request, with the filter as the SCIM toolkit parsed it; the host turns it into SQL. @public */
export interface ListRequest {
  /** The request the list serves (since 1.3.0). */
  request?: RequestDescriptor;
  filter?: FilterNode;
  sortBy?: ResolvedPath;
  sortOrder?: 'ascending' | 'descending';
  /** 1-based, as in SCIM. */
  startIndex: number;
  count: number;
}

/** A page of results with the total number of matches. @public */
export interface Page<T> {
  totalResults: number;
  items: T[];
}

/** Options on a write (`request` since 1.3.0). @public */
export interface WriteOptions extends RequestOptions {
  /** The version the client last saw: VERSION_MISMATCH (412) when the stored version is another. */
  ifVersion?: number;
  /**
   * Called with the stored version inside the write — under its row lock, or again on every attempt of an
   * optimistic write — so nothing changes the resource between the check and the write; throw (e.g. a 412
   * `ScimError`) to refuse the write, which then writes nothing. Not called for a resource that does not exist
   * (NOT_FOUND). `serveScim` evaluates If-Match / If-None-Match here (since 1.1.0).
   */
  precondition?: (currentVersion: number) => void;
}

/**
 * Users of one directory. Every method is scoped to the directory given: an id of another directory is NOT_FOUND.
 * Errors are `DomainError`s (CONFLICT for a duplicate userName/externalId, SEAT_LIMIT_REACHED, NOT_FOUND,
 * VERSION_MISMATCH, INVALID_INPUT, UNAVAILABLE when the database is down). @public
 */
export interface UserPort {
  /** Creates the user, claims a seat and makes the card, atomically. Not idempotent: a repeat is CONFLICT. */
  create(directory: DirectoryInfo, input: UserInput, options?: RequestOptions): Promise<UserOutput>;
  get(directory: DirectoryInfo, id: string, options?: { withGroups?: boolean } & RequestOptions): Promise<UserOutput | null>;
  list(directory: DirectoryInfo, request: ListRequest, options?: { withGroups?: boolean }): Promise<Page<UserOutput>>;
  /** Read-modify-write under a row lock: `change` gets the current user and returns the new one. */
  update(directory: DirectoryInfo, id: string, change: (current: UserOutput) => UserInput | Promise<UserInput>, options?: WriteOptions): Promise<UserOutput>;
  /** Hard delete (SCIM DELETE) with the directory's card rules. */
  delete(directory: DirectoryInfo, id: string, options?: WriteOptions): Promise<void>;
}

/** Groups of one directory. @public */
export interface GroupPort {
  create(directory: DirectoryInfo, input: GroupInput, members?: readonly string[], options?: RequestOptions): Promise<GroupOutput>;
  get(directory: DirectoryInfo, id: string, options?: { withMembers?: boolean } & RequestOptions): Promise<GroupOutput | null>;
  list(directory: DirectoryInfo, request: ListRequest, options?: { withMembers?: boolean }): Promise<Page<GroupOutput>>;
  /**
   * Attribute changes (row-locked read-modify-write) and/or membership deltas (set-based SQL: the same few
   * statements for a 5- or a 50,000-member group; parallel calls never lose a member).
   */
  update(
    directory: DirectoryInfo,
    id: string,
    input: { change?: (current: GroupOutput) => GroupInput | Promise<GroupInput>; members?: MemberDelta },
    options?: WriteOptions,
  ): Promise<GroupOutput>;
  delete(directory: DirectoryInfo, id: string, options?: WriteOptions): Promise<void>;
}

/** @public */
export interface ProvisioningPort {
  readonly users: UserPort;
  readonly groups: GroupPort;
}
