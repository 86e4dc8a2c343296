import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export type EventOutcome = 'success' | 'failure';

/** What a directory asked, when, and the outcome: the admin's provisioning log. */
export const ProvisioningEvent = defineEntity({
  name: 'ProvisioningEvent',
  tableName: 'provisioning_event',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    organizationId: p.uuid(),
    directoryId: p.uuid(),
    occurredAt: p.datetime(),
    requestId: p.string().nullable(),
    operation: p.string(),
    method: p.string(),
    path: p.string(),
    resourceType: p.string().nullable(),
    resourceId: p.string().nullable(),
    outcome: p.string().$type<EventOutcome>(),
    status: p.integer(),
    scimType: p.string().nullable(),
    detail: p.string().nullable(),
    durationMs: p.float(),
  },
});
export type ProvisioningEvent = InferEntity<typeof ProvisioningEvent>;
