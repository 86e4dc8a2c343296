/**
 * The host's SCIM 2.0 service provider (RFC 7644) over the provisioning port. A provider plugin mounts it with
 * `serveScim(ctx, { dialect })` from cardbridge/plugin, which calls the context's `serveScim`; the plugin-API
 * package itself carries only the options type, so the public surface stays the port, the toolkit and the types.
 */
import type { Middleware } from 'koa';
import type { PluginContext, ScimServiceOptions } from '../plugin-api/index.js';
import * as scim from '../scim/index.js';
import { authenticationSchemes, directoryTypes } from './directory-types.js';
import { registerGroupRoutes } from './groups.routes.js';
import { send } from './http.js';
import { registerListRoutes } from './lists.js';
import type { ScimServiceContext } from './service-context.js';
import { SUCCESS_STATUS } from './statuses.js';
import { registerUserRoutes } from './users.routes.js';


/** What the host learns of a mounted service: its routes' place on the router and the Users list's handler. */
export interface MountedScimService {
  /** Layers of the router before the service's own, and the service's layers. */
  readonly firstLayer: number;
  readonly layers: number;
  /** The handler of `GET <mountPath>/:directoryId/Users` (it reads `ctx.params.directoryId`). */
  readonly listUsers: Middleware;
}

/**
 * Registers `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas`, `/Users`, `/Groups` and `/.search` under
 * `<mountPath>/:directoryId` on the plugin's router. Every route authenticates the directory first.
 */
export function mountScimService(ctx: PluginContext<unknown>, options: ScimServiceOptions): MountedScimService {
  const typesOf = directoryTypes();
  const service: ScimServiceContext = {
    port: ctx.provisioning,
    dialect: options.dialect,
    // The operator's SCIM_MAX_PAGE_SIZE caps whatever the dialect or the plugin asks for.
    maxPageSize: Math.min(options.maxPageSize ?? options.dialect.maxPageSize, ctx.limits.maxPageSize),
    patchMaxOperations: options.patchMaxOperations ?? ctx.limits.patchMaxOperations,
    authenticate: (koa) => ctx.directories.authenticate(koa, koa.params.directoryId),
    baseUrl: (dir) => `${ctx.publicUrl}${ctx.mountPath}/${dir.id}`,
    userType: (dir) => typesOf(dir).user,
    groupType: (dir) => typesOf(dir).group,
  };
  const router = ctx.router;
  const firstLayer = router.stack.length;
  router.get('/:directoryId/ServiceProviderConfig', async (koa) => {
    const dir = await service.authenticate(koa);
    send(koa, SUCCESS_STATUS.GET, scim.serviceProviderConfig({ baseUrl: service.baseUrl(dir), maxResults: service.maxPageSize, authenticationSchemes: authenticationSchemes(dir) }));
  });
  router.get('/:directoryId/ResourceTypes', async (koa) => {
    const dir = await service.authenticate(koa);
    const types = [service.userType(dir), service.groupType(dir)];
    send(koa, SUCCESS_STATUS.GET, scim.resourceTypesDocument(types, service.baseUrl(dir)));
  });
  router.get('/:directoryId/ResourceTypes/:name', async (koa) => {
    const dir = await service.authenticate(koa);
    const doc = scim.resourceTypesDocument([service.userType(dir), service.groupType(dir)], service.baseUrl(dir));
    const found = (doc.Resources as { id: string }[]).find((r) => r.id === koa.params.name);
    if (!found) throw new scim.ScimError(404, undefined, `resource type ${koa.params.name} not found`);
    send(koa, SUCCESS_STATUS.GET, found);
  });
  router.get('/:directoryId/Schemas', async (koa) => {
    const dir = await service.authenticate(koa);
    send(koa, SUCCESS_STATUS.GET, scim.schemasDocument([service.userType(dir), service.groupType(dir)], service.baseUrl(dir)));
  });
  router.get('/:directoryId/Schemas/:id', async (koa) => {
    const dir = await service.authenticate(koa);
    const doc = scim.schemasDocument([service.userType(dir), service.groupType(dir)], service.baseUrl(dir));
    const found = (doc.Resources as { id: string }[]).find((r) => r.id === koa.params.id);
    if (!found) throw new scim.ScimError(404, undefined, `schema ${koa.params.id} not found`);
    send(koa, SUCCESS_STATUS.GET, found);
  });
  const listUsers = registerListRoutes(router, service);
  registerUserRoutes(router, service);
  registerGroupRoutes(router, service);
  // RFC 7644 §3.7 bulk and §3.11 /Me are not offered (ServiceProviderConfig says so): answer 501 in SCIM shape.
  router.all(['/:directoryId/Bulk', '/:directoryId/Me'], async (koa) => {
    await service.authenticate(koa);
    throw new scim.ScimError(501, undefined, `${koa.path.split('/').pop()} is not supported by this service provider`);
  });
  return { firstLayer, layers: router.stack.length - firstLayer, listUsers };
}
