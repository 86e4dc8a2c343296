import { EntityTable, type RowOf } from '../../db/sql/entity-table.js';
import { Directory } from './directory.entity.js';

/** The directory table, mapped once from its entity. */
export const directories = new EntityTable(Directory, 'd', {
  directory_token_hash_unique: 'a directory with this Secret Token already exists',
});

/** What a request authenticated by a directory token acts as (frozen, settings too). */
export const principalColumns = directories.projection(['id', 'organizationId', 'name', 'provider', 'status', 'settings']);
export type DirectoryPrincipal = Readonly<RowOf<Directory, 'id' | 'organizationId' | 'name' | 'provider' | 'status'>> & {
  readonly settings: Readonly<Directory['settings']>;
};

/** The principal of a row the principal columns selected: frozen, with its settings, so no holder can change them. */
export function principalOf(row: Record<string, unknown>): DirectoryPrincipal {
  const principal = row as RowOf<Directory, 'id' | 'organizationId' | 'name' | 'provider' | 'status' | 'settings'>;
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
