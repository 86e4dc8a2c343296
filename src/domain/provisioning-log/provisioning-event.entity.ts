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
    occurredAt: p.datetime().defaultRaw('now()'),
    requestId: p.text().nullable(),
    operation: p.text(),
    method: p.text(),
    path: p.text(),
    resourceType: p.text().nullable(),
    resourceId: p.text().nullable(),
    outcome: p.text().$type<EventOutcome>(),
    status: p.integer(),
    scimType: p.text().nullable(),
    detail: p.text().nullable(),
    durationMs: p.float().default(0),
  },
});
export type ProvisioningEvent = InferEntity<typeof ProvisioningEvent>;
