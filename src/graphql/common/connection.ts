/** Internal: Relay-style connections (`edges { cursor node }`, `pageInfo`, `totalCount`) and opaque cursors. */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DomainError } from '../../domain/errors.js';
import type { KeysetPage, KeysetPosition } from '../../db/sql/keyset.js';

@ObjectType({
  description:
    'Where a page of a connection starts and ends and whether more follow (Relay Cursor Connections). Lists page forward only: `first` and `after`.',
})
export class PageInfo {
  @Field(() => Boolean, {
    description:
      'Always false: lists page forward only (`first`/`after`, no `last`/`before`), and the Relay specification lets a forward page answer false. Keep the cursors you received to go back.',
  })
  hasPreviousPage!: boolean;

  @Field(() => Boolean, { description: 'True when another page follows; pass `endCursor` as `after` to get it.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first edge of this page; null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the last edge of this page; null for an empty page.' })
  endCursor!: string | null;
}

/** What a connection resolver returns. */
export interface ConnectionResult<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Declares `<Name>Edge` and `<Name>Connection` for a node type. */
export function connectionType<T extends object>(node: ClassType<T>, name: string, what: string): ClassType<ConnectionResult<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this edge in its list and order; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => node, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s (a Relay connection, paged forward with \`first\` and \`after\`).` })
  class Connection {
    @Field(() => Int, { description: `How many ${what}s match the filter in total (all pages).` })
    totalCount!: number;

    @Field(() => [Edge], { description: `The ${what}s of this page, in the list's order.` })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page starts and ends and whether another follows.' })
    pageInfo!: PageInfo;
  }
  return Connection;
}

export const MAX_PAGE_SIZE = 100;

/** The description of every connection field's `after` argument. */
export const AFTER_DESCRIPTION =
  'Continue after this cursor: the `endCursor` (or an edge’s `cursor`) of a page of the same list and order; omit it for the first page. Lists page forward only. A cursor of another list or order is refused with BAD_USER_INPUT.';

/** Cursors are opaque to clients: base64url of `[list, sortKey, id]`, so a cursor of another list is refused. */
export function encodeCursor(list: string, key: string, id: string): string {
  return Buffer.from(JSON.stringify([list, key, id])).toString('base64url');
}

export function decodeCursor(list: string, cursor: string | null | undefined): KeysetPosition | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  try {
    const [kind, key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (kind === list && typeof key === 'string' && typeof id === 'string') return { key, id };
  } catch {
    // reported below
  }
  throw new DomainError('INVALID_INPUT', 'after is not a cursor of this list and order; use a pageInfo.endCursor you received', { field: 'after' });
}

/** Checks `first` (1–100). */
export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new DomainError('INVALID_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  return first;
}

/**
 * Whether the operation asks for `name` directly under the field being resolved (through fragments too), so a
 * resolver can leave out work whose result nobody reads. `@skip`/`@include` are not evaluated: such a field counts
 * as asked for.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === 'Field') return selection.name.value === name;
      if (selection.kind === 'InlineFragment') return within(selection.selectionSet);
      return within(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/** Maps a keyset page of the domain to a connection. */
export function toConnection<R>(list: string, page: KeysetPage<R>): ConnectionResult<R> {
  const edges = page.rows.map((row) => ({ cursor: encodeCursor(list, row.sort_key, row.sort_id), node: row as R }));
  const pageInfo = { hasPreviousPage: false, hasNextPage: page.hasNextPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null };
  return { totalCount: page.total, edges, pageInfo };
}
