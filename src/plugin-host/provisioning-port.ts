/** Internal: implements the plugin-facing ProvisioningPort over the domain's provisioning services. */
import type { GroupProvisioning } from '../domain/groups/groups.provisioning.js';
import type { UserProvisioning } from '../domain/users/users.provisioning.js';
import type { DirectoryPrincipal } from '../domain/directories/directory.table.js';
import type { DirectoryInfo, ListRequest, ProvisioningPort, RequestDescriptor, RequestOutcome, WriteOptions } from '../plugin-api/port.js';
import type { VersionGuard } from '../domain/provisioning.js';
import type { AuditEntry } from '../domain/provisioning-log/write-events.js';
import type { UserProfile } from '../domain/users/user-profile.js';
import { profileWithCustomFields } from '../domain/directories/directory.rules.js';
import { DomainError } from '../domain/errors.js';
import { isAuthenticatedPrincipal } from './directory-access.js';
import { compileGroupOrder, compileGroupFilter, compileUserFilter, compileUserOrder, isUniqueLookup } from './filter-to-sql.js';
import { successStatus } from '../scim-service/statuses.js';

function page(request: ListRequest): { offset: number; limit: number } {
  return { offset: Math.max(0, request.startIndex - 1), limit: Math.max(0, request.count) };
}

/**
 * DirectoryInfo is what plugins hold; the domain needs the principal behind it. Only objects that
 * `ctx.directories.authenticate()` returned pass: a plugin cannot write to a directory it did not authenticate.
 */
function principal(directory: DirectoryInfo): DirectoryPrincipal {
  if (!isAuthenticatedPrincipal(directory)) {
    throw new DomainError('FORBIDDEN', 'the provisioning port takes only directories returned by ctx.directories.authenticate()');
  }
  return directory;
}

/** The port's write options as the domain's version guard: `ifVersion` first, then the plugin's precondition. */
function guardOf(options: WriteOptions | undefined, resource: string): VersionGuard | undefined {
  const expected = options?.ifVersion;
  const precondition = options?.precondition;
  if (expected === undefined) return precondition;
  return (version) => {
    if (version !== expected) throw new DomainError('VERSION_MISMATCH', `${resource} was changed (version ${version}); read it again`);
    precondition?.(version);
  };
}

/**
 * The write with the card fields the directory's declared custom attributes feed (`cardField`), so a card shows
 * them whatever plugin wrote the user.
 */
function withCustomCardFields<T extends { attributes: Record<string, unknown>; profile: UserProfile }>(write: T, dir: DirectoryPrincipal): T {
  if (!dir.settings.customSchemas) return write;
  return { ...write, profile: profileWithCustomFields(write.profile, write.attributes, dir.settings) };
}

function operationOf(method: string | undefined): string {
  return method === 'PUT' ? 'replace' : method === 'PATCH' ? 'patch' : 'update';
}

/** Notes on the request what a read does (a read writes no event of its own; the host logs the request). */
function noteRead(request: RequestDescriptor | undefined, operation: string, resourceType: RequestOutcome['resourceType'], resourceId?: string): void {
  if (request) request.outcome = { operation, resourceType, resourceId, recorded: false };
}

/**
 * Notes on the request what a write does and returns the entry the write records in its own transaction, with the
 * status the caller answers (the caller's, else the status table's for the method); undefined without a request.
 */
function auditFor(request: RequestDescriptor | undefined, operation: string, resourceType: RequestOutcome['resourceType'], resourceId?: string): AuditEntry | undefined {
  if (!request) return undefined;
  request.outcome = { operation, resourceType, resourceId, recorded: false };
  return { requestId: request.id, operation, method: request.method, path: request.path, startedAt: request.startedAt, status: request.status ?? successStatus(request.method) };
}

/** Called after a write committed its own event: the host logs nothing more for the request. */
function markRecorded(request: RequestDescriptor | undefined, resourceId: string): void {
  if (request?.outcome) request.outcome = { ...request.outcome, resourceId, recorded: true };
}

export function createProvisioningPort(users: UserProvisioning, groups: GroupProvisioning): ProvisioningPort {
  return {
    users: {
      async create(directory, input, options) {
        const dir = principal(directory);
        const request = options?.request;
        const record = await users.create(dir, withCustomCardFields(input, dir), auditFor(request, 'create', 'User'));
        markRecorded(request, record.id);
        return record;
      },
      async get(directory, id, options) {
        noteRead(options?.request, 'read', 'User', id);
        return await users.get(principal(directory), id, options);
      },
      async list(directory, request, options) {
        noteRead(request.request, 'list', 'User');
        const dir = principal(directory);
        const { items, total } = await users.find(dir, {
          where: request.filter ? compileUserFilter(request.filter, dir) : undefined,
          orderBy: request.sortBy ? compileUserOrder(request.sortBy, request.sortOrder ?? 'ascending') : undefined,
          ...page(request),
          withGroups: options?.withGroups,
          unique: request.filter !== undefined && isUniqueLookup(request.filter, 'user', dir),
        });
        return { totalResults: total, items };
      },
      async update(directory, id, change, options) {
        const request = options?.request;
        const audit = auditFor(request, operationOf(request?.method), 'User', id);
        const dir = principal(directory);
        const record = await users.update(dir, id, async (current) => withCustomCardFields(await change(current), dir), audit, guardOf(options, `user ${id}`));
        markRecorded(request, id);
        return record;
      },
      async delete(directory, id, options) {
        const request = options?.request;
        await users.delete(principal(directory), id, auditFor(request, 'delete', 'User', id), guardOf(options, `user ${id}`));
        markRecorded(request, id);
      },
    },
    groups: {
      async create(directory, input, members, options) {
        const request = options?.request;
        const record = await groups.create(principal(directory), input, members, auditFor(request, 'create', 'Group'));
        markRecorded(request, record.id);
        return record;
      },
      async get(directory, id, options) {
        noteRead(options?.request, 'read', 'Group', id);
        return await groups.get(principal(directory), id, options);
      },
      async list(directory, request, options) {
        noteRead(request.request, 'list', 'Group');
        const { items, total } = await groups.find(principal(directory), {
          where: request.filter ? compileGroupFilter(request.filter) : undefined,
          orderBy: request.sortBy ? compileGroupOrder(request.sortBy, request.sortOrder ?? 'ascending') : undefined,
          ...page(request),
          withMembers: options?.withMembers,
          unique: request.filter !== undefined && isUniqueLookup(request.filter, 'group'),
        });
        return { totalResults: total, items };
      },
      async update(directory, id, input, options) {
        const request = options?.request;
        // The status is the one the caller answers (a group PATCH without `attributes` is a 204): the log records what
        // the client received.
        const audit = auditFor(request, operationOf(request?.method), 'Group', id);
        const record = await groups.update(principal(directory), id, input, audit, guardOf(options, `group ${id}`));
        markRecorded(request, id);
        return record;
      },
      async delete(directory, id, options) {
        const request = options?.request;
        await groups.delete(principal(directory), id, auditFor(request, 'delete', 'Group', id), guardOf(options, `group ${id}`));
        markRecorded(request, id);
      },
    },
  };
}
