/** SCIM `/Groups` over the provisioning port; members change only through set-based deltas. */
import type Router from '@koa/router';
import type { Context } from 'koa';
import * as scim from '../scim/index.js';
import { asksForAttributes } from '../scim/projection.js';
import type { DirectoryInfo, GroupInput, GroupOutput } from '../plugin-api/port.js';
import type { ScimServiceContext } from './service-context.js';
import { answeredWith, bodyOf, checkCreatePreconditions, notModified, queryOf, send, writeOptions } from './http.js';
import { requestOf } from './request.js';
import { NOT_MODIFIED, SUCCESS_STATUS, successStatus } from './statuses.js';

export function groupResource(service: ScimServiceContext, dir: DirectoryInfo, group: GroupOutput): Record<string, unknown> {
  const resource: Record<string, unknown> = { ...group.attributes, id: group.id, displayName: group.displayName };
  if (group.externalId !== null) resource.externalId = group.externalId;
  if (group.members) {
    resource.members = group.members.map((m) => ({ value: m.value, ...(m.display ? { display: m.display } : {}), $ref: `${service.baseUrl(dir)}/Users/${m.value}`, type: 'User' }));
  }
  return scim.withMeta(resource, {
    id: group.id,
    resourceType: 'Group',
    created: group.createdAt,
    lastModified: group.updatedAt,
    location: `${service.baseUrl(dir)}/Groups/${group.id}`,
    version: group.version,
  });
}

function memberValues(document: Record<string, unknown>): string[] {
  const members = document.members;
  if (members === undefined || members === null) return [];
  if (!Array.isArray(members)) throw new scim.ScimError(400, 'invalidValue', 'members must be an array');
  return members.map((m) => {
    const value = (m as { value?: unknown })?.value;
    if (typeof value !== 'string') throw new scim.ScimError(400, 'invalidValue', 'every member needs a string "value"');
    return value;
  });
}

function groupInput(document: Record<string, unknown>): GroupInput {
  const { id: _id, meta: _meta, members: _members, ...attributes } = document;
  return {
    displayName: String(document.displayName ?? ''),
    externalId: typeof document.externalId === 'string' ? document.externalId : null,
    attributes,
  };
}

function respond(ctx: Context, status: number, resource: Record<string, unknown>, query: Record<string, string | undefined>, service: ScimServiceContext, dir: DirectoryInfo): void {
  const meta = resource.meta as { version: string; location: string };
  const projected = scim.project(resource, { resourceType: service.groupType(dir), ...scim.parseProjection(query, service.groupType(dir)) });
  send(ctx, status, projected, { ETag: meta.version, ...(status === SUCCESS_STATUS.POST ? { Location: meta.location } : {}) });
}

export function registerGroupRoutes(router: Router, service: ScimServiceContext): void {
  router.post('/:directoryId/Groups', async (ctx) => {
    const dir = await service.authenticate(ctx);
    checkCreatePreconditions(ctx);
    // An unknown attribute in the projection is refused before the write, not after it.
    scim.parseProjection(queryOf(ctx), service.groupType(dir));
    const document = scim.normalizeResource(bodyOf(ctx), { resourceType: service.groupType(dir), dialect: service.dialect, mode: 'create' });
    const group = await service.port.groups.create(dir, groupInput(document), memberValues(document), { request: answeredWith(ctx, SUCCESS_STATUS.POST) });
    respond(ctx, SUCCESS_STATUS.POST, groupResource(service, dir, group), queryOf(ctx), service, dir);
  });

  router.get('/:directoryId/Groups/:id', async (ctx) => {
    const dir = await service.authenticate(ctx);
    const query = queryOf(ctx);
    const group = await service.port.groups.get(dir, ctx.params.id!, { withMembers: scim.wantsAttribute(query, 'members', service.groupType(dir)), request: requestOf(ctx) });
    if (!group) throw new scim.ScimError(404, undefined, `group ${ctx.params.id} not found`);
    if (notModified(ctx, group.version)) {
      send(ctx, NOT_MODIFIED, undefined, { ETag: scim.etag(group.version) });
      return;
    }
    respond(ctx, SUCCESS_STATUS.GET, groupResource(service, dir, group), query, service, dir);
  });

  router.put('/:directoryId/Groups/:id', async (ctx) => {
    const dir = await service.authenticate(ctx);
    // An unknown attribute in the projection is refused before the write, not after it.
    scim.parseProjection(queryOf(ctx), service.groupType(dir));
    const document = scim.normalizeResource(bodyOf(ctx), { resourceType: service.groupType(dir), dialect: service.dialect, mode: 'replace' });
    const group = await service.port.groups.update(
      dir,
      ctx.params.id!,
      { change: () => groupInput(document), members: { replace: memberValues(document) } },
      writeOptions(ctx, SUCCESS_STATUS.PUT),
    );
    // The write recorded the request's event: the read back serves the answer, not the log.
    const full = await service.port.groups.get(dir, group.id, { withMembers: true });
    respond(ctx, SUCCESS_STATUS.PUT, groupResource(service, dir, full ?? group), queryOf(ctx), service, dir);
  });

  // RFC 7644 §3.5.2; membership operations become set-based deltas, other operations go through the PATCH engine.
  router.patch('/:directoryId/Groups/:id', async (ctx) => {
    const dir = await service.authenticate(ctx);
    const body = bodyOf(ctx);
    // Before anything is read or applied, so a refused PATCH costs nothing (and writes nothing).
    scim.checkOperationCount(body, service.patchMaxOperations);
    const resourceType = service.groupType(dir);
    const query = queryOf(ctx);
    // An unknown attribute in the projection is refused before the write, not after it.
    scim.parseProjection(query, resourceType);
    const changes = scim.extractMemberChanges(body, { dialect: service.dialect });
    const others = changes.otherOperations;
    // RFC 7644 §3.5.2: a PATCH that names `attributes` MUST be answered 200 with the resource (members read only
    // when the projection includes them); otherwise 204: Entra and Okta accept it, and it spares reading a
    // 50,000-member group back. The log records the status the client receives.
    const withResource = asksForAttributes(query);
    const status = successStatus('PATCH', { body: withResource });
    const group = await service.port.groups.update(
      dir,
      ctx.params.id!,
      {
        change: others.length
          ? async (current) => {
              const { document } = await scim.applyPatchAsync(groupResource(service, dir, current), { ...body, Operations: others }, { resourceType, dialect: service.dialect });
              return groupInput(scim.normalizeResource(document, { resourceType, dialect: service.dialect, mode: 'replace' }));
            }
          : undefined,
        members: { add: changes.add, remove: changes.remove, replace: changes.replace },
      },
      writeOptions(ctx, status),
    );
    if (withResource) {
      const full = await service.port.groups.get(dir, group.id, { withMembers: scim.wantsAttribute(query, 'members', resourceType) });
      respond(ctx, status, groupResource(service, dir, full ?? group), query, service, dir);
      return;
    }
    // The ETag is the group's new version (membership changes move it too), so a client need not read the group.
    ctx.status = status;
    ctx.set('ETag', scim.etag(group.version));
  });

  router.delete('/:directoryId/Groups/:id', async (ctx) => {
    const dir = await service.authenticate(ctx);
    await service.port.groups.delete(dir, ctx.params.id!, writeOptions(ctx, SUCCESS_STATUS.DELETE));
    ctx.status = SUCCESS_STATUS.DELETE;
  });
}
