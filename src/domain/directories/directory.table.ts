import { EntityTable, type RowOf } from '../../db/sql/entity-table.js';
import { raw } from '../../db/sql/fragment.js';
import { Directory } from './directory.entity.js';

/** The directory table, mapped once from its entity. */
export const directories = new EntityTable(Directory, 'd', {
  directory_token_hash_unique: 'a directory with this Secret Token already exists',
});

/** What a request authenticated by a directory token acts as (frozen, settings too). */
const principalProjection = directories.projection(['id', 'organizationId', 'name', 'provider', 'status', 'settings']);
/** The principal carries its organization's name: a card's `company` defaults to it (cardFieldsFor), with no statement of its own. */
const principalSql = `${principalProjection.sql}, (select o.name from organization o where o.id = ${directories.col('organizationId')}) as "organizationName"`;
export const principalColumns = { ...principalProjection, sql: principalSql, fragment: raw(principalSql) };
export type DirectoryPrincipal = Readonly<RowOf<Directory, 'id' | 'organizationId' | 'name' | 'provider' | 'status'>> & {
  readonly organizationName: string;
  readonly settings: Readonly<Directory['settings']>;
};

/** The principal of a row the principal columns selected: frozen, with its settings, so no holder can change them. */
export function principalOf(row: Record<string, unknown>): DirectoryPrincipal {
  const principal = row as RowOf<Directory, 'id' | 'organizationId' | 'name' | 'provider' | 'status' | 'settings'> & { organizationName: string };
  principal.settings = Object.freeze({ ...principal.settings });
  return Object.freeze(principal);
}

/** The columns of a directory as the card product's API reads it. */
export const viewColumns = directories.projection(['id', 'organizationId', 'name', 'provider', 'status', 'settings', 'createdAt', 'updatedAt']);

/** A directory as the card product's API reads it: settings without secrets, plus figures derived from its rows. */
export type DirectoryView = RowOf<Directory, 'id' | 'organizationId' | 'name' | 'provider' | 'status' | 'settings' | 'createdAt' | 'updatedAt'> & {
  hasPhotoClientSecret: boolean;
  /**
   * When the directory last sent a request its token authenticated, whatever the answer (never a background job of
   * cardbridge's own): its `lastRequestAt`, written debounced outside the request's transaction, so a few seconds behind.
   */
  lastSyncAt: Date | null;
  userCount: number;
  groupCount: number;
};
