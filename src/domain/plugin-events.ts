/**
 * The domain events plugins see, with their payloads: defined once, here. `DomainEventMap` (src/domain/events.ts)
 * extends it with the events only the host hears; the plugin API publishes it as it is. A leaf: it imports nothing,
 * so the public API may name it.
 */

/** Domain events a plugin may subscribe to; payloads carry ids only. @public */
export interface PluginEventMap {
  'user.provisioned': { organizationId: string; directoryId: string | null; userId: string; linked: boolean };
  'user.updated': { organizationId: string; directoryId: string | null; userId: string };
  'user.deactivated': { organizationId: string; directoryId: string | null; userId: string };
  'user.reactivated': { organizationId: string; directoryId: string | null; userId: string };
  'user.deprovisioned': { organizationId: string; directoryId: string | null; userId: string; accountKept: boolean };
  'card.created': { organizationId: string; userId: string; cardId: string };
  'card.deleted': { organizationId: string; userId: string; cardId: string };
  'group.provisioned': { organizationId: string; directoryId: string; groupId: string };
  'group.deprovisioned': { organizationId: string; directoryId: string; groupId: string };
  'group.membersChanged': { organizationId: string; directoryId: string; groupId: string; added: number; removed: number };
}
