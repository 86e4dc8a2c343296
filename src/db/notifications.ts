import pg from 'pg';
import type { Logger } from 'pino';

export type NotificationHandler = (channel: string, payload: string) => void;

/**
 * A dedicated connection that LISTENs on PostgreSQL channels (token rotation, live provisioning log) and
 * reconnects with back-off after the database restarts. `isListening` tells callers whether they may rely on
 * notifications (caches are bypassed while it is false).
 */
export class NotificationListener {
  #client: pg.Client | undefined;
  #stopped = false;
  #retryMs = 250;
  #timer: NodeJS.Timeout | undefined;
  isListening = false;

  constructor(
    private readonly url: string,
    private readonly channels: readonly string[],
    private readonly onNotification: NotificationHandler,
    private readonly log: Logger,
    private readonly onStateChange: (listening: boolean) => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.#connect().catch(() => this.#scheduleReconnect());
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'notification connection lost');
      this.#lost(client);
    });
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => this.onNotification(message.channel, message.payload ?? ''));
    this.#client = client;
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`listen "${channel.replace(/"/g, '')}"`);
    } catch (error) {
      // Connected but LISTEN failed (or the connect itself did): never keep a half-open client around.
      client.end().catch(() => {});
      throw error;
    }
    this.#retryMs = 250;
    this.#setListening(true);
  }

  #setListening(listening: boolean): void {
    if (this.isListening !== listening) {
      this.isListening = listening;
      this.onStateChange(listening);
    }
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#setListening(false);
    client.end().catch(() => {});
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#stopped || this.#timer) return;
    this.#setListening(false);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#connect().catch(() => {
        this.#client = undefined;
        this.#retryMs = Math.min(this.#retryMs * 2, 5_000);
        this.#scheduleReconnect();
      });
    }, this.#retryMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    this.#setListening(false);
    await client?.end().catch(() => {});
  }
}
