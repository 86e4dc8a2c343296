/** SCIM `/Users` over the provisioning port (RFC 7644 §3). */
import type Router from '@koa/router';
import type { Context } from 'koa';
import * as scim from '../scim/index.js';
import type { DirectoryInfo, UserInput, UserOutput } from '../plugin-api/port.js';
import { declaredAttributes } from './directory-types.js';
import type { ScimServiceContext } from './service-context.js';
import { answeredWith, bodyOf, checkCreatePreconditions, notModified, queryOf, send, writeOptions } from './http.js';
import { requestOf } from './request.js';
import { NOT_MODIFIED, SUCCESS_STATUS } from './statuses.js';

/**
 * The most values one multi-valued attribute of a User may hold (emails, phoneNumbers, roles, …; 400 invalidValue
 * above it). Directories send a handful. A PATCH value filter scans its attribute once per operation, so this and
 * SCIM_PATCH_MAX_OPERATIONS together bound the work of the largest PATCH.
 */
export const USER_MAX_VALUES = 1000;

/** The stored document becomes the resource: what the directory wrote, plus id, groups and meta. */
export function userResource(service: ScimServiceContext, dir: DirectoryInfo, user: UserOutput): Record<string, unknown> {
  const resource: Record<string, unknown> = { ...declaredAttributes(user.attributes, service.userType(dir)), id: user.id, userName: user.userName, active: user.active };
  if (user.externalId !== null) resource.externalId = user.externalId;
  if (user.groups?.length) resource.groups = user.groups.map((g) => ({ value: g.value, display: g.display, $ref: `${service.baseUrl(dir)}/Groups/${g.value}`, type: 'direct' }));
  return scim.withMeta(resource, {
    id: user.id,
    resourceType: 'User',
    created: user.createdAt,
    lastModified: user.updatedAt,
    location: `${service.baseUrl(dir)}/Users/${user.id}`,
    version: user.version,
  });
}

/**
 * RFC 7643 §4.1.1: `preferredLanguage` has the format of HTTP's Accept-Language (RFC 7231 §5.3.5): language ranges
 * (a BCP 47 tag such as `de-DE`, or `*`), each with an optional weight (`;q=0.8`), separated by commas.
 */
const LANGUAGE_RANGE = String.raw`(?:[a-z]{1,8}(?:-[a-z\d]{1,8})*|\*)(?:[ \t]*;[ \t]*q=(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?))?`;
const ACCEPT_LANGUAGE = new RegExp(String.raw`^${LANGUAGE_RANGE}(?:[ \t]*,[ \t]*${LANGUAGE_RANGE})*$`, 'i');

/**
 * Refuses a `preferredLanguage` that is not an Accept-Language value (400 invalidValue, before anything is written).
 * A value the user already has passes: one stored before this check does not make every later write of the user fail.
 */
function checkPreferredLanguage(document: Record<string, unknown>, current?: UserOutput): void {
  const value = document.preferredLanguage;
  if (typeof value !== 'string' || value === '' || ACCEPT_LANGUAGE.test(value) || current?.attributes.preferredLanguage === value) return;
  throw new scim.ScimError(400, 'invalidValue', '"preferredLanguage" must be an Accept-Language value (RFC 7643 §4.1.1, RFC 7231 §5.3.5): language tags such as "de-DE", optionally weighted and comma-separated ("de-DE, en;q=0.8")');
}

/** A normalized SCIM User document → what the port stores (`current`: the user it replaces, on PUT and PATCH). */
export function userInput(document: Record<string, unknown>, current?: UserOutput): UserInput {
  checkPreferredLanguage(document, current);
  const { id: _id, meta: _meta, groups: _groups, ...attributes } = document;
  return {
    userName: String(document.userName ?? ''),
    externalId: typeof document.externalId === 'string' ? document.externalId : null,
    active: document.active === undefined ? true : document.active === true,
    attributes,
    profile: scim.userProfile(document),
  };
}

/**
 * A PATCH that removes `active` (`remove`, or a null value). RFC 7643 §4.1.1 leaves its meaning to the service
 * provider, and here a user always is active or not: unassigned is read as true (a POST without `active` creates an
 * active user). Applying that default to a removal would silently reactivate a leaver and their card, so the
 * removal is refused like that of a required attribute (RFC 7644 §3.5.2.2: "mutability"), and nothing is written.
 */
function activeRemoved(): scim.ScimError {
  return new scim.ScimError(400, 'mutability', '"active" cannot be removed: a user is always active or inactive here; replace it with true or false');
}

function respond(ctx: Context, status: number, resource: Record<string, unknown>, query: Record<string, string | undefined>, service: ScimServiceContext, dir: DirectoryInfo): void {
  const meta = resource.meta as { version: string; location: string };
  const projected = scim.project(resource, { resourceType: service.userType(dir), ...scim.parseProjection(query, service.userType(dir)) });
  send(ctx, status, projected, { ETag: meta.version, ...(status === SUCCESS_STATUS.POST ? { Location: meta.location } : {}) });
}

export function registerUserRoutes(router: Router, service: ScimServiceContext): void {
  router.post('/:directoryId/Users', async (ctx) => {
    const dir = await service.authenticate(ctx);
    checkCreatePreconditions(ctx);
    // An unknown attribute in the projection is refused before the write, not after it.
    scim.parseProjection(queryOf(ctx), service.userType(dir));
    const document = scim.normalizeResource(bodyOf(ctx), { resourceType: service.userType(dir), dialect: service.dialect, mode: 'create', maxValues: USER_MAX_VALUES });
    const user = await service.port.users.create(dir, userInput(document), { request: answeredWith(ctx, SUCCESS_STATUS.POST) });
    respond(ctx, SUCCESS_STATUS.POST, userResource(service, dir, user), queryOf(ctx), service, dir);
  });

  router.get('/:directoryId/Users/:id', async (ctx) => {
    const dir = await service.authenticate(ctx);
    const query = queryOf(ctx);
    const wantsGroups = scim.wantsAttribute(query, 'groups', service.userType(dir));
    const user = await service.port.users.get(dir, ctx.params.id!, { withGroups: wantsGroups, request: requestOf(ctx) });
    if (!user) throw new scim.ScimError(404, undefined, `user ${ctx.params.id} not found`);
    if (notModified(ctx, user.version)) {
      send(ctx, NOT_MODIFIED, undefined, { ETag: scim.etag(user.version) });
      return;
    }
    respond(ctx, SUCCESS_STATUS.GET, userResource(service, dir, user), query, service, dir);
  });

  router.put('/:directoryId/Users/:id', async (ctx) => {
    const dir = await service.authenticate(ctx);
    // An unknown attribute in the projection is refused before the write, not after it.
    scim.parseProjection(queryOf(ctx), service.userType(dir));
    const document = scim.normalizeResource(bodyOf(ctx), { resourceType: service.userType(dir), dialect: service.dialect, mode: 'replace', maxValues: USER_MAX_VALUES });
    const user = await service.port.users.update(dir, ctx.params.id!, (current) => userInput(document, current), writeOptions(ctx, SUCCESS_STATUS.PUT));
    respond(ctx, SUCCESS_STATUS.PUT, userResource(service, dir, user), queryOf(ctx), service, dir);
  });

  router.patch('/:directoryId/Users/:id', async (ctx) => {
    const dir = await service.authenticate(ctx);
    const body = bodyOf(ctx);
    // Before anything is read or applied, so a refused PATCH costs nothing (and writes nothing).
    scim.checkOperationCount(body, service.patchMaxOperations);
    const resourceType = service.userType(dir);
    // An unknown attribute in the projection is refused before the write, not after it.
    scim.parseProjection(queryOf(ctx), resourceType);
    const user = await service.port.users.update(
      dir,
      ctx.params.id!,
      async (current) => {
        // The async engine lets other requests run every ~10 ms of a large PATCH.
        const { document } = await scim.applyPatchAsync(userResource(service, dir, current), body, { resourceType, dialect: service.dialect, maxValues: USER_MAX_VALUES });
        if (document.active === undefined) throw activeRemoved();
        return userInput(scim.normalizeResource(document, { resourceType, dialect: service.dialect, mode: 'replace', maxValues: USER_MAX_VALUES }), current);
      },
      // A user PATCH is always answered with the user.
      writeOptions(ctx, SUCCESS_STATUS.PATCH),
    );
    respond(ctx, SUCCESS_STATUS.PATCH, userResource(service, dir, user), queryOf(ctx), service, dir);
  });

  router.delete('/:directoryId/Users/:id', async (ctx) => {
    const dir = await service.authenticate(ctx);
    await service.port.users.delete(dir, ctx.params.id!, writeOptions(ctx, SUCCESS_STATUS.DELETE));
    ctx.status = SUCCESS_STATUS.DELETE;
  });
}
