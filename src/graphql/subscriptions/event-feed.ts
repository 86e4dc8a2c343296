/**
 * Internal: the live provisioning log. Every instance LISTENs on PostgreSQL's `cardbridge_events` channel (the
 * inserts notify at commit), so a subscriber sees events written by any instance (DESIGN.md "Scaling out").
 */
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { NotificationListener } from '../../db/notifications.js';
import { EVENTS_CHANNEL } from '../../domain/services/provisioning-context.js';
import { findProvisioningEventsByIds, type ProvisioningEventView } from '../../domain/services/provisioning-events.queries.js';
import { createPushIterator, type PushIterator } from './push-iterator.js';

interface Subscriber {
  directoryId?: string;
  iterator: PushIterator<ProvisioningEventView>;
}

/** Fans notifications out to the subscribers of the event's organization; loads each batch of events once. */
export class ProvisioningEventFeed {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  readonly #listener: NotificationListener;

  constructor(
    databaseUrl: string,
    private readonly pool: Pool,
    private readonly log: Logger,
  ) {
    this.#listener = new NotificationListener(databaseUrl, [EVENTS_CHANNEL], (_channel, payload) => void this.#deliver(payload), log);
  }

  async start(): Promise<void> {
    await this.#listener.start();
  }

  async stop(): Promise<void> {
    for (const subscribers of this.#subscribers.values()) for (const s of subscribers) await s.iterator.return?.();
    await this.#listener.stop();
  }

  /** Events of one organization (optionally one directory) from now on, until the consumer stops. */
  subscribe(organizationId: string, directoryId?: string): AsyncIterableIterator<ProvisioningEventView> {
    const subscribers = this.#subscribers.get(organizationId) ?? new Set<Subscriber>();
    this.#subscribers.set(organizationId, subscribers);
    const subscriber: Subscriber = {
      directoryId,
      iterator: createPushIterator(() => {
        subscribers.delete(subscriber);
        if (!subscribers.size) this.#subscribers.delete(organizationId);
      }),
    };
    subscribers.add(subscriber);
    return subscriber.iterator;
  }

  async #deliver(payload: string): Promise<void> {
    let message: { organizationId?: unknown; ids?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    const organizationId = typeof message.organizationId === 'string' ? message.organizationId : undefined;
    const subscribers = organizationId ? this.#subscribers.get(organizationId) : undefined;
    if (!organizationId || !subscribers?.size || !Array.isArray(message.ids)) return;
    try {
      const events = await findProvisioningEventsByIds(this.pool, organizationId, message.ids.filter((id): id is string => typeof id === 'string'));
      for (const event of events) for (const s of subscribers) if (!s.directoryId || s.directoryId === event.directoryId) s.iterator.push(event);
    } catch (error) {
      this.log.warn({ err: error }, 'could not load provisioning events for live subscribers');
    }
  }
}
