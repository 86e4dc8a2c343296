import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A customer account of the card product: a licence with a seat limit and e-mail domains. */
export const Organization = defineEntity({
  name: 'Organization',
  tableName: 'organization',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    slug: p.text().unique(),
    name: p.text(),
    seatLimit: p.integer().default(50),
    emailDomains: p.array().default([]),
    entraTenantId: p.text().nullable(),
    /** When an administrator of the tenant proved this claim; null for claims made before proofs were required. */
    entraTenantVerifiedAt: p.datetime().nullable(),
    microsoftSignIn: p.boolean().default(false),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Organization = InferEntity<typeof Organization>;
