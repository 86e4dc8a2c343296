/** The provisioning log's table, described once (by its entity): columns, the event's projection and its row type. */
import { EntityTable, type RowOf } from '../../db/sql/entity-table.js';
import { ProvisioningEvent } from './provisioning-event.entity.js';

export const provisioningEvents = new EntityTable(ProvisioningEvent, 'e');

/** Every column but the id, which a reader gets as text (a bigint: cursors and GraphQL IDs keep every digit). */
const VIEW_PROPERTIES = [
  'organizationId', 'directoryId', 'occurredAt', 'requestId', 'operation', 'method', 'path',
  'resourceType', 'resourceId', 'outcome', 'status', 'scimType', 'detail', 'durationMs',
] as const satisfies readonly (keyof ProvisioningEvent)[];

/** One entry of the provisioning log as its readers get it. */
export type ProvisioningEventView = RowOf<ProvisioningEvent, (typeof VIEW_PROPERTIES)[number]> & { id: string };

const projection = provisioningEvents.projection(VIEW_PROPERTIES);

/** The select list of {@link ProvisioningEventView} (`e.id::text as "id", e.organization_id as "organizationId", …`) and its mapper. */
export const EVENT_VIEW = {
  sql: `${provisioningEvents.col('id')}::text as "id", ${projection.sql}`,
  read: (row: Record<string, unknown>): ProvisioningEventView => projection.read(row) as ProvisioningEventView,
};

/**
 * What a request or job writes: every column a writer fills, in the entity's property names. The table's
 * defaults fill `id` and `occurredAt` when a writer leaves it out; optional columns are null when absent.
 */
export type EventWrite = Pick<ProvisioningEvent, 'organizationId' | 'directoryId' | 'operation' | 'method' | 'path' | 'outcome' | 'status' | 'durationMs'> &
  Partial<Pick<ProvisioningEvent, 'occurredAt' | 'requestId' | 'resourceType' | 'resourceId' | 'scimType' | 'detail'>>;
