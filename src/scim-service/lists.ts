/**
 * SCIM queries (RFC 7644 §3.4.2, §3.4.3): `GET /Users`, `GET /Groups`, `POST /Users/.search`, `POST /Groups/.search`
 * and `POST /.search` at the service root. A query string and a SearchRequest body are read into the same list
 * parameters and validated by the same code; the root search runs the query against users and groups and answers
 * one list.
 */
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import * as scim from '../scim/index.js';
import type { DirectoryInfo, ListRequest, RequestDescriptor } from '../plugin-api/port.js';
import { groupResource } from './groups.routes.js';
import { bodyOf, queryOf, send } from './http.js';
import { requestOf } from './request.js';
import { SEARCH_STATUS, SUCCESS_STATUS } from './statuses.js';
import type { ScimServiceContext } from './service-context.js';
import { userResource } from './users.routes.js';

/**
 * How far a sorted root search pages: it merges the first startIndex + count - 1 resources of each type, so beyond
 * this it answers 400 tooMany (RFC 7644 §3.12) and the client searches one type, or leaves sortBy out.
 */
export const ROOT_SORTED_WINDOW = 10_000;

type Resource = Record<string, unknown>;

/** One resource type as a query sees it. */
interface Collection {
  readonly type: scim.ResourceType;
  /** `groups` of a User, `members` of a Group: loaded only when the response shows them. */
  readonly membership: string;
  fetch(request: ListRequest, withMembership: boolean): Promise<{ totalResults: number; items: Resource[] }>;
}

function usersOf(service: ScimServiceContext, dir: DirectoryInfo): Collection {
  return {
    type: service.userType(dir),
    membership: 'groups',
    fetch: async (request, withGroups) => {
      const page = await service.port.users.list(dir, request, { withGroups });
      return { totalResults: page.totalResults, items: page.items.map((u) => userResource(service, dir, u)) };
    },
  };
}

function groupsOf(service: ScimServiceContext, dir: DirectoryInfo): Collection {
  return {
    type: service.groupType(dir),
    membership: 'members',
    fetch: async (request, withMembers) => {
      const page = await service.port.groups.list(dir, request, { withMembers });
      return { totalResults: page.totalResults, items: page.items.map((g) => groupResource(service, dir, g)) };
    },
  };
}

/** Both resource types (the root search); a list of one type builds only its own. */
function collections(service: ScimServiceContext, dir: DirectoryInfo): { users: Collection; groups: Collection } {
  return { users: usersOf(service, dir), groups: groupsOf(service, dir) };
}

/** Will the projected response contain the core attribute `name`? (Lets a list skip loading memberships.) */
function shows(name: string, type: scim.ResourceType, projection: { attributes?: scim.ResolvedPath[]; excludedAttributes?: scim.ResolvedPath[] }): boolean {
  const own = (p: scim.ResolvedPath) => p.attribute === name && p.schema.toLowerCase() === type.schema.id.toLowerCase();
  if (projection.attributes) return projection.attributes.some(own);
  return !projection.excludedAttributes?.some((p) => own(p) && !p.subAttribute);
}

/**
 * The answer to a query that matched nothing (the miss of Entra's lookup before a create), serialized once: the same
 * bytes as its ListResponse object would give, without a JSON.stringify and an encoding per request.
 */
const EMPTY_LIST = Buffer.from(JSON.stringify(scim.listResponse({ totalResults: 0, startIndex: 1, resources: [] })));

/** A list's status: a GET, or a query sent as POST (`.search`). */
function listStatus(ctx: Context): number {
  return ctx.method === 'GET' ? SUCCESS_STATUS.GET : SEARCH_STATUS;
}

async function listOne(ctx: Context, collection: Collection, list: scim.ListQuery): Promise<void> {
  const page = await collection.fetch(
    { request: requestOf(ctx), filter: list.filter, sortBy: list.sortBy, sortOrder: list.sortOrder, startIndex: list.startIndex, count: list.count },
    shows(collection.membership, collection.type, list),
  );
  if (page.totalResults === 0 && list.startIndex === 1) {
    send(ctx, listStatus(ctx), EMPTY_LIST);
    return;
  }
  const resources = page.items.map((r) => scim.project(r, { resourceType: collection.type, attributes: list.attributes, excludedAttributes: list.excludedAttributes }));
  send(ctx, listStatus(ctx), scim.listResponse({ totalResults: page.totalResults, startIndex: list.startIndex, resources }));
}

interface Source {
  readonly collection: Collection;
  readonly part: scim.RootQueryPart;
}

/** A page of a root search: resources of either type, in the answer's order. */
interface RootPage {
  totalResults: number;
  entries: { source: Source; resource: Resource }[];
}

/**
 * Root search without sortBy: users, then groups, each in its own list order; paging runs across the two, so each
 * type is asked only for the slice of the page it fills.
 */
async function unsortedRoot(request: RequestDescriptor, query: scim.RootQuery, sources: readonly Source[]): Promise<RootPage> {
  let skip = query.startIndex - 1;
  let room = query.count;
  const result: RootPage = { totalResults: 0, entries: [] };
  for (const source of sources) {
    const { collection, part } = source;
    if (part.filter === false) continue;
    const page = await collection.fetch({ request, filter: part.filter, startIndex: skip + 1, count: room }, room > 0 && shows(collection.membership, collection.type, part));
    result.totalResults += page.totalResults;
    result.entries.push(...page.items.map((resource) => ({ source, resource })));
    room -= page.items.length;
    skip = Math.max(0, skip - page.totalResults);
  }
  return result;
}

/** The order of sort keys as the toolkit's sortResources has it (RFC 7644 §3.4.2.3): no value last when ascending. */
function compareKeys(a: SortKey, b: SortKey): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return scim.compareText(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

type SortKey = ReturnType<typeof scim.sortValue>;

/** `id eq a or id eq b …`, balanced so that a page of 1,000 ids nests 10 deep. */
function idFilter(type: scim.ResourceType, ids: readonly string[]): scim.FilterNode {
  const path = scim.resolvePath('id', type);
  const build = (from: number, to: number): scim.FilterNode => {
    if (to - from === 1) return { kind: 'compare', op: 'eq', path, value: ids[from]! };
    const middle = (from + to) >> 1;
    return { kind: 'or', left: build(from, middle), right: build(middle, to) };
  };
  return build(0, ids.length);
}

/**
 * Root search with sortBy: the first startIndex + count - 1 resources of each type in the common order (a type that
 * lacks the attribute by id: its resources have no value), merged, and the page cut from the merge. A merge keeps
 * each type's own order, so only the interleaving depends on comparing values across types. Memberships are read
 * afterwards, for the resources on the page only.
 */
async function sortedRoot(request: RequestDescriptor, query: scim.RootQuery, sources: readonly Source[]): Promise<RootPage> {
  const window = query.startIndex - 1 + query.count;
  if (query.count > 0 && window > ROOT_SORTED_WINDOW) {
    throw new scim.ScimError(400, 'tooMany', `a sorted search at the service root reaches only the first ${ROOT_SORTED_WINDOW} resources (startIndex + count - 1); search /Users/.search or /Groups/.search, or leave out sortBy`);
  }
  const sign = query.sortOrder === 'descending' ? -1 : 1;
  const runs: { source: Source; keyed: { resource: Resource; key: SortKey; id: string }[] }[] = [];
  let totalResults = 0;
  for (const source of sources) {
    const { collection, part } = source;
    if (part.filter === false) continue;
    const sortBy = part.sortBy ?? scim.resolvePath('id', collection.type);
    const page = await collection.fetch({ request, filter: part.filter, sortBy, sortOrder: part.sortBy ? query.sortOrder : 'ascending', startIndex: 1, count: query.count > 0 ? window : 0 }, false);
    totalResults += page.totalResults;
    const key = (r: Resource) => (part.sortBy ? scim.sortValue(r, part.sortBy, collection.type.schema.id) : undefined);
    runs.push({ source, keyed: page.items.map((resource) => ({ resource, key: key(resource), id: String(resource.id) })) });
  }
  const heads = runs.map(() => 0);
  const merged: { run: number; resource: Resource }[] = [];
  while (merged.length < window) {
    let best = -1;
    for (let r = 0; r < runs.length; r++) {
      const candidate = runs[r]!.keyed[heads[r]!];
      if (!candidate) continue;
      const current = best < 0 ? undefined : runs[best]!.keyed[heads[best]!]!;
      if (!current || (sign * compareKeys(candidate.key, current.key) || scim.compareText(candidate.id, current.id)) < 0) best = r;
    }
    if (best < 0) break;
    merged.push({ run: best, resource: runs[best]!.keyed[heads[best]!++]!.resource });
  }
  const page = merged.slice(query.startIndex - 1);
  const reread = new Map<Resource, Resource | undefined>();
  for (const [r, run] of runs.entries()) {
    const { collection, part } = run.source;
    const mine = page.filter((e) => e.run === r).map((e) => e.resource);
    if (!mine.length || !shows(collection.membership, collection.type, part)) continue;
    const again = await collection.fetch({ request, filter: idFilter(collection.type, mine.map((m) => String(m.id))), startIndex: 1, count: mine.length }, true);
    const byId = new Map(again.items.map((resource) => [String(resource.id), resource]));
    // A resource deleted since the first read leaves the page.
    for (const resource of mine) reread.set(resource, byId.get(String(resource.id)));
  }
  const entries: RootPage['entries'] = [];
  for (const { run, resource } of page) {
    const final = reread.has(resource) ? reread.get(resource) : resource;
    if (final) entries.push({ source: runs[run]!.source, resource: final });
  }
  return { totalResults, entries };
}

async function searchRoot(ctx: Context, service: ScimServiceContext, dir: DirectoryInfo, params: scim.ListParameters): Promise<void> {
  const { users, groups } = collections(service, dir);
  const query = scim.resolveRootQuery(params, { resourceTypes: [users.type, groups.type], dialect: service.dialect, maxPageSize: service.maxPageSize });
  const sources = [users, groups].map((collection, i) => ({ collection, part: query.parts[i]! }));
  const request = requestOf(ctx);
  const page = query.sorted ? await sortedRoot(request, query, sources) : await unsortedRoot(request, query, sources);
  const resources = page.entries.map(({ source, resource }) =>
    scim.project(resource, { resourceType: source.collection.type, attributes: source.part.attributes, excludedAttributes: source.part.excludedAttributes }),
  );
  send(ctx, SEARCH_STATUS, scim.listResponse({ totalResults: page.totalResults, startIndex: query.startIndex, resources }));
}

/**
 * Registers the list and search routes; returns the handler of `GET /:directoryId/Users` (Entra's lookup before every
 * write), which the host may also call directly for that exact path (plugin-host/plugin-loader.ts).
 */
export function registerListRoutes(router: Router, service: ScimServiceContext): Middleware {
  const parse = (type: scim.ResourceType, params: scim.ListParameters) =>
    scim.resolveListParameters(params, { resourceType: type, dialect: service.dialect, maxPageSize: service.maxPageSize });

  const listUsers: Middleware = async (ctx) => {
    const dir = await service.authenticate(ctx);
    const users = usersOf(service, dir);
    await listOne(ctx, users, parse(users.type, scim.readListQuery(queryOf(ctx))));
  };
  router.get('/:directoryId/Users', listUsers);
  router.get('/:directoryId/Groups', async (ctx) => {
    const dir = await service.authenticate(ctx);
    const groups = groupsOf(service, dir);
    await listOne(ctx, groups, parse(groups.type, scim.readListQuery(queryOf(ctx))));
  });
  router.post('/:directoryId/Users/.search', async (ctx) => {
    const dir = await service.authenticate(ctx);
    const users = usersOf(service, dir);
    await listOne(ctx, users, parse(users.type, scim.readSearchRequest(bodyOf(ctx))));
  });
  router.post('/:directoryId/Groups/.search', async (ctx) => {
    const dir = await service.authenticate(ctx);
    const groups = groupsOf(service, dir);
    await listOne(ctx, groups, parse(groups.type, scim.readSearchRequest(bodyOf(ctx))));
  });
  router.post('/:directoryId/.search', async (ctx) => {
    const dir = await service.authenticate(ctx);
    await searchRoot(ctx, service, dir, scim.readSearchRequest(bodyOf(ctx)));
  });
  return listUsers;
}
