import { EventEmitter } from 'node:events';
import type { PluginEventMap } from './plugin-events.js';

/**
 * Domain events plugins and the GraphQL layer may subscribe to. Emitted after the change is committed. The ones
 * plugins see (and their payloads) are `PluginEventMap`'s; the rest only the host hears.
 */
export interface DomainEventMap extends PluginEventMap {
  /** Users whose invite e-mail should go out (new users of directories with invites on, manual invites, resends). */
  'invites.requested': { organizationId: string; userIds: string[] };
  /**
   * A directory's token, settings or existence changed (rotation, settings, deletion, going live). The instance that
   * made the change drops its cached directories at once; the others hear the same change through NOTIFY.
   */
  'directory.changed': { organizationId: string; directoryId: string };
}
export type DomainEventName = keyof DomainEventMap;

/** A typed, in-process event bus. Listener errors are reported through `onListenerError`, never to the emitter. */
export class DomainEvents {
  readonly #emitter = new EventEmitter({ captureRejections: false });

  constructor(private readonly onListenerError: (event: string, error: unknown) => void = () => {}) {
    this.#emitter.setMaxListeners(100);
  }

  on<K extends DomainEventName>(name: K, listener: (payload: DomainEventMap[K]) => void | Promise<void>): () => void {
    const wrapped = (payload: DomainEventMap[K]) => {
      try {
        const result = listener(payload);
        if (result && typeof result.catch === 'function') result.catch((error) => this.onListenerError(name, error));
      } catch (error) {
        this.onListenerError(name, error);
      }
    };
    this.#emitter.on(name, wrapped);
    return () => this.#emitter.off(name, wrapped);
  }

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.#emitter.emit(name, payload);
  }
}
