// Benchmark harness (issue 8): organizations, directories and clients for each concurrency level.
import pg from 'pg';
import { HttpClient } from './load.js';
import { Side } from './measure.js';
import { BIG_EXTRA_USERS, seedDirectoryUsers } from './phases-big.js';
import { cli } from './server.js';

/** `cardbridge directory create … --json` against the database in `env`. */
export async function createDirectory(env, { org, name, seats }) {
  const out = await cli(['directory', 'create', '--org', org, '--name', name, '--provider', 'entra', '--seats', String(seats), '--json'], env);
  const created = JSON.parse(out.trim().split('\n').pop());
  return { ...created, base: new URL(created.tenantUrl).pathname, orgSlug: org };
}

/** A GraphQL token for an organization (`cardbridge jwt`). */
export async function adminJwt(env, org) {
  return (await cli(['jwt', '--org', org, '--role', 'admin', '--sub', 'bench'], env)).trim();
}

/**
 * One concurrency level: its own organization and directory on both sides (so levels do not share rows), an HTTP
 * client with `concurrency` keep-alive sockets, a raw pool with `concurrency` connections, and the measured side
 * (process ids, database) of each.
 */
export function createLevel({ concurrency, users, groups, prefix, cbDirectory, rawDirectory, run }) {
  const windows = run.profileWindows;
  const benchPids = [run.serverPid, ...(run.floor ? [run.floor.pid] : [])];
  return {
    concurrency,
    users,
    groups,
    prefix,
    counter: run.counter,
    cb: {
      database: run.cbDatabase,
      http: new HttpClient(run.serverUrl, concurrency, { authorization: `Bearer ${cbDirectory.secretToken}`, accept: 'application/scim+json' }),
      base: cbDirectory.base,
      directoryId: cbDirectory.directoryId,
      organizationId: cbDirectory.organization.id,
      orgSlug: cbDirectory.orgSlug,
      db: run.cbPool,
      side: new Side({ kind: 'cardbridge', counter: run.counter, database: run.cbDatabase, serverPid: run.serverPid, postmasterPid: run.postmasterPid, windows, label: `C=${concurrency} `, benchPids }),
      userIds: [],
      groupIds: [],
    },
    raw: {
      // Connections stay open between slices (no idle timeout), as a server's pool would.
      pool: new pg.Pool({ connectionString: run.rawUrl, max: concurrency, idleTimeoutMillis: 0 }),
      prefix,
      directoryId: rawDirectory.directoryId,
      organizationId: rawDirectory.organization.id,
      side: new Side({ kind: 'raw', counter: run.counter, database: run.rawDatabase, postmasterPid: run.postmasterPid, benchPids }),
      userIds: [],
      groupIds: [],
    },
    // The lookup floor (issue 15) reads the raw side's directory: same rows as the raw baseline, over HTTP.
    ...(run.floor
      ? {
          floor: {
            http: new HttpClient(run.floor.url, concurrency, { authorization: `Bearer ${rawDirectory.secretToken}`, accept: 'application/scim+json' }),
            base: `/scim/floor/${rawDirectory.directoryId}`,
            side: new Side({ kind: 'floor', counter: run.counter, database: run.rawDatabase, serverPid: run.floor.pid, postmasterPid: run.postmasterPid, windows: run.floor.windows, label: `C=${concurrency} `, benchPids }),
          },
        }
      : {}),
  };
}

/** Opens every raw connection before the first measured slice (the server's pool is warm from the warm-up). */
export async function connectLevel(level) {
  await Promise.all(Array.from({ length: level.concurrency }, () => level.raw.pool.query('select 1')));
}

export async function closeLevel(level) {
  await level.cb.http.close();
  await level.floor?.http.close();
  await level.raw.pool.end();
}

/**
 * The big organization, on both sides: --big-group users (plus a few extras) with cards and seats, inserted with
 * SQL — setup for the large group and the GraphQL page of a big organization, not a measured phase.
 */
export async function createBigOrganization({ size, cbEnv, rawEnv, cbPool, rawPool, serverUrl }) {
  const count = size + BIG_EXTRA_USERS;
  const [cbDir, rawDir] = await Promise.all([
    createDirectory(cbEnv, { org: 'bench-big', name: 'Bench big', seats: count }),
    createDirectory(rawEnv, { org: 'bench-big', name: 'Bench big', seats: count }),
  ]);
  const [cbIds, rawIds] = await Promise.all([
    seedDirectoryUsers(cbPool, { organizationId: cbDir.organization.id, directoryId: cbDir.directoryId, count }),
    seedDirectoryUsers(rawPool, { organizationId: rawDir.organization.id, directoryId: rawDir.directoryId, count }),
  ]);
  return {
    size,
    orgSlug: 'bench-big',
    cb: { directoryId: cbDir.directoryId, base: cbDir.base, token: cbDir.secretToken, userIds: cbIds, serverUrl },
    raw: { directoryId: rawDir.directoryId, organizationId: rawDir.organization.id, userIds: rawIds },
  };
}

/** The big organization's SCIM client for one level (as many sockets as the level's concurrency). */
export function bigClientFor(big, concurrency) {
  return {
    ...big,
    cb: { ...big.cb, http: new HttpClient(big.cb.serverUrl, concurrency, { authorization: `Bearer ${big.cb.token}`, accept: 'application/scim+json' }) },
  };
}
