// Benchmark harness (issue 15): the floor of the lookup path, run as its own process like cardbridge (same Node
// flags, same HTTP server timeouts). It is the least any Koa service on `pg` does to answer Entra's
// `GET /Users?filter=userName eq "…"`: the bearer token's SHA-256 against a cache of principals (filled by one
// indexed query per token), the filter taken apart by a regular expression, the same indexed select the raw baseline
// runs (named prepared statement, the user's groups included) and a SCIM ListResponse of the stored document with
// id, groups and meta. Nothing else: no request id, no access log, no router, no provisioning log, no projection.
//   DATABASE_URL=… PORT=… node <npm start's flags> bench/lib/floor-server.js   (bench/run.js starts it)
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import Koa from 'koa';
import pg from 'pg';
import { RAW_SQL } from './raw.js';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATH = /^\/scim\/floor\/([^/]+)\/Users$/;
const FILTER = /^userName eq "((?:[^"\\]|\\.)*)"$/;
const port = Number(process.env.PORT);
const publicUrl = `http://127.0.0.1:${port}`;
// pg's defaults, as a bare handler has them; only the size is cardbridge's (DB_POOL_MAX, default 10).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
/** Token hash → directory id (what cardbridge caches for a few seconds). */
const principals = new Map();

function fail(ctx, status, detail) {
  ctx.status = status;
  ctx.type = 'application/scim+json';
  ctx.body = { schemas: [ERROR], status: String(status), detail };
}

async function directoryOf(token) {
  const hash = createHash('sha256').update(token, 'utf8').digest();
  const key = hash.toString('base64');
  let id = principals.get(key);
  if (id === undefined) {
    const { rows } = await pool.query({ name: 'floorPrincipal', text: "select id from directory where token_hash = $1 and status = 'active'", values: [hash] });
    id = rows[0]?.id ?? null;
    principals.set(key, id);
  }
  return id;
}

function resource(row, base) {
  const out = { ...row.attributes, id: row.id, userName: row.user_name, active: row.active };
  if (row.external_id !== null) out.externalId = row.external_id;
  if (row.groups.length) out.groups = row.groups.map((g) => ({ value: g.value, display: g.display, $ref: `${base}/Groups/${g.value}`, type: 'direct' }));
  out.meta = { resourceType: 'User', created: row.created_at.toISOString(), lastModified: row.updated_at.toISOString(), location: `${base}/Users/${row.id}`, version: `W/"${row.version}"` };
  return out;
}

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.path === '/readyz') {
    ctx.body = 'ok';
    return;
  }
  const path = PATH.exec(ctx.path);
  if (!path || ctx.method !== 'GET') return fail(ctx, 404, 'not found');
  const auth = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('authorization'));
  const directoryId = auth ? await directoryOf(auth[1]) : null;
  if (!directoryId || directoryId !== path[1]) return fail(ctx, 401, 'the bearer token is not valid for this directory');
  const filter = FILTER.exec(String(ctx.query.filter ?? ''));
  if (!filter) return fail(ctx, 400, 'only userName eq "…" is served here');
  const { rows } = await pool.query({ name: 'lookupUser', text: RAW_SQL.lookupUser, values: [directoryId, JSON.parse(`"${filter[1]}"`)] });
  const base = `${publicUrl}/scim/floor/${directoryId}`;
  ctx.type = 'application/scim+json';
  ctx.body = { schemas: [LIST], totalResults: rows.length, startIndex: 1, itemsPerPage: rows.length, Resources: rows.map((r) => resource(r, base)) };
});

// The HTTP server options cardbridge runs with (src/host/server-options.ts, default timeouts).
const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 10_000, requestTimeout: 80_000, connectionsCheckingInterval: 1_000 }, app.callback());
server.listen(port, '127.0.0.1');
const stop = () => {
  server.close(() => void pool.end().finally(() => process.exit(0)));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
