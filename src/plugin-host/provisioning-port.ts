/** Internal: implements the plugin-facing ProvisioningPort over the domain's provisioning services. */
import type { GroupProvisioning } from '../domain/services/groups.provisioning.js';
import type { UserProvisioning } from '../domain/users/users.provisioning.js';
import type { DirectoryPrincipal } from '../domain/directories/directory.table.js';
import type { DirectoryInfo, ListRequest, ProvisioningPort, WriteOptions } from '../plugin-api/port.js';
import type { VersionGuard } from '../domain/services/provisioning-context.js';
import type { UserProfile } from '../domain/users/user-profile.js';
import { profileWithCustomFields } from '../domain/directories/directory.rules.js';
import { DomainError } from '../domain/errors.js';
import { isAuthenticatedPrincipal } from './directory-access.js';
import { compileGroupOrder, compileGroupFilter, compileUserFilter, compileUserOrder, isUniqueLookup } from './filter-to-sql.js';
import { asksForAttributes } from '../scim/projection.js';
import { auditFor, currentQuery, markRecorded, noteRead } from './request-audit.js';

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

function operationOf(method: string | undefined, fallback: string): string {
  return method === 'PUT' ? 'replace' : method === 'PATCH' ? 'patch' : fallback;
}

export function createProvisioningPort(users: UserProvisioning, groups: GroupProvisioning, currentMethod: () => string | undefined): ProvisioningPort {
  return {
    users: {
      async create(directory, input) {
        const dir = principal(directory);
        const record = await users.create(dir, withCustomCardFields(input, dir), auditFor('create', 'User'));
        markRecorded(record.id);
        return record;
      },
      async get(directory, id, options) {
        noteRead('read', 'User', id);
        return await users.get(principal(directory), id, options);
      },
      async list(directory, request, options) {
        noteRead('list', 'User');
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
        const audit = auditFor(operationOf(currentMethod(), 'update'), 'User', id);
        const dir = principal(directory);
        const record = await users.update(dir, id, async (current) => withCustomCardFields(await change(current), dir), audit, guardOf(options, `user ${id}`));
        if (audit) markRecorded(id);
        return record;
      },
      async delete(directory, id, options) {
        const audit = auditFor('delete', 'User', id);
        await users.delete(principal(directory), id, audit, guardOf(options, `user ${id}`));
        if (audit) markRecorded(id);
      },
    },
    groups: {
      async create(directory, input, members) {
        const record = await groups.create(principal(directory), input, members, auditFor('create', 'Group'));
        markRecorded(record.id);
        return record;
      },
      async get(directory, id, options) {
        noteRead('read', 'Group', id);
        return await groups.get(principal(directory), id, options);
      },
      async list(directory, request, options) {
        noteRead('list', 'Group');
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
        const audit = auditFor(operationOf(currentMethod(), 'update'), 'Group', id);
        // The SCIM service answers a group PATCH with 204 (no body) unless it asks for attributes (RFC 7644 §3.5.2:
        // then 200 with the group); the log records what the client received.
        const status = currentMethod() === 'PATCH' && !asksForAttributes(currentQuery()) ? 204 : 200;
        const record = await groups.update(principal(directory), id, input, audit && { ...audit, status }, guardOf(options, `group ${id}`));
        if (audit) markRecorded(id);
        return record;
      },
      async delete(directory, id, options) {
        const audit = auditFor('delete', 'Group', id);
        await groups.delete(principal(directory), id, audit, guardOf(options, `group ${id}`));
        if (audit) markRecorded(id);
      },
    },
  };
}
