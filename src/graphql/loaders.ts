/**
 * Internal: per-request DataLoaders, all scoped to the viewer's organization. Each batches the keys of one tick
 * into one statement, so a page of users with cards, seats and groups costs one statement per kind, whatever the
 * page or organization size (issue 5, "no N+1").
 */
import DataLoader from 'dataloader';
import { findCardsByIds, findCardsByUserIds, type CardView } from '../domain/cards/cards.queries.js';
import { findDirectoriesByIds } from '../domain/directories/directories.queries.js';
import type { DirectoryView } from '../domain/directories/directory.table.js';
import { findGroupsByIds, findGroupsByUserIds, findMembersPages, type GroupView } from '../domain/groups/groups.queries.js';
import type { KeysetPosition } from '../db/sql/keyset.js';
import { findRecentEventsByDirectoryIds, type ProvisioningEventView } from '../domain/provisioning-log/provisioning-events.queries.js';
import { findRefusedRequestsByDirectoryIds, type RefusedRequestsView } from '../domain/provisioning-log/refused-requests.js';
import type { Queryable } from '../db/sql/run.js';
import { findTemplatesByIds, type TemplateView } from '../domain/cards/templates.service.js';
import { findUsersByIds, type UserView } from '../domain/users/users.queries.js';
import { findSeatsByUserIds } from '../domain/seats/seats.queries.js';

type MembersPage = Awaited<ReturnType<typeof findMembersPages>> extends Map<string, infer P> ? P : never;

export interface Loaders {
  user: DataLoader<string, UserView | null>;
  card: DataLoader<string, CardView | null>;
  cardOfUser: DataLoader<string, CardView | null>;
  seatOfUser: DataLoader<string, { id: string; claimedAt: Date | null } | null>;
  groupsOfUser: DataLoader<string, GroupView[]>;
  group: DataLoader<string, GroupView | null>;
  template: DataLoader<string, TemplateView | null>;
  directory: DataLoader<string, DirectoryView | null>;
  /** Recent events of directories, one loader per page size. */
  recentEvents(limit: number): DataLoader<string, ProvisioningEventView[]>;
  /** Refused-request counts of directories, one loader per page size. */
  refusedRequests(limit: number): DataLoader<string, RefusedRequestsView[]>;
  /** Member pages of groups, one loader per (first, after). */
  members(first: number, after: KeysetPosition | undefined): DataLoader<string, MembersPage>;
}

function byKey<V>(keys: readonly string[], values: V[], keyOf: (v: V) => string): (V | null)[] {
  const map = new Map(values.map((v) => [keyOf(v), v]));
  return keys.map((k) => map.get(k) ?? null);
}

function memo<K, V>(create: (key: K) => V): (key: K, cacheKey: string) => V {
  const made = new Map<string, V>();
  return (key, cacheKey) => {
    let value = made.get(cacheKey);
    if (!value) made.set(cacheKey, (value = create(key)));
    return value;
  };
}

/** Loaders for one request of a viewer in `organizationId`. */
export function createLoaders(db: Queryable, organizationId: string): Loaders {
  const user = new DataLoader<string, UserView | null>(async (ids) => byKey(ids, await findUsersByIds(db, organizationId, ids), (u) => u.id));
  const group = new DataLoader<string, GroupView | null>(async (ids) => byKey(ids, await findGroupsByIds(db, organizationId, ids), (g) => g.id));
  const recentEvents = memo((limit: number) => new DataLoader(async (ids: readonly string[]) => {
    const byDirectory = await findRecentEventsByDirectoryIds(db, ids, limit);
    return ids.map((id) => byDirectory.get(id) ?? []);
  }));
  const refusedRequests = memo((limit: number) => new DataLoader(async (ids: readonly string[]) => {
    const byDirectory = await findRefusedRequestsByDirectoryIds(db, ids, limit);
    return ids.map((id) => byDirectory.get(id) ?? []);
  }));
  const members = memo(({ first, after }: { first: number; after: KeysetPosition | undefined }) => new DataLoader(async (ids: readonly string[]) => {
    const pages = await findMembersPages(db, ids, { first, after });
    for (const page of pages.values()) for (const row of page.rows) user.prime(row.id, row);
    return ids.map((id) => pages.get(id)!);
  }));
  return {
    user,
    group,
    card: new DataLoader(async (ids) => byKey(ids, await findCardsByIds(db, organizationId, ids), (c) => c.id)),
    cardOfUser: new DataLoader(async (ids) => byKey(ids, await findCardsByUserIds(db, organizationId, ids), (c) => c.userId)),
    seatOfUser: new DataLoader(async (ids) => byKey(ids, await findSeatsByUserIds(db, ids), (s) => s.userId)),
    groupsOfUser: new DataLoader(async (ids) => {
      const byUser = await findGroupsByUserIds(db, ids);
      for (const groups of byUser.values()) for (const g of groups) group.prime(g.id, g);
      return ids.map((id) => byUser.get(id) ?? []);
    }),
    template: new DataLoader(async (ids) => byKey(ids, await findTemplatesByIds(db, organizationId, ids), (t) => t.id)),
    directory: new DataLoader(async (ids) => byKey(ids, await findDirectoriesByIds(db, organizationId, ids), (d) => d.id)),
    recentEvents: (limit) => recentEvents(limit, String(limit)),
    refusedRequests: (limit) => refusedRequests(limit, String(limit)),
    members: (first, after) => members({ first, after }, JSON.stringify([first, after ?? null])),
  };
}
