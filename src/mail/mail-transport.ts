import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, type NodemailerError, type Transporter } from 'nodemailer';

/** One message to one recipient. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends mail; `send` rejects with {@link MailError} when the message was not accepted. */
export interface MailTransport {
  /** `smtp` (SMTP_URL set) or `outbox` (development: `.eml` files). */
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Why a message was not sent. `permanent`: the server refused it for good (an SMTP 5xx reply), so retrying the
 * same message is pointless; anything else (4xx, connection refused, timeout) is worth a retry.
 */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailError';
  }
}

export interface MailTransportOptions {
  /** `smtp://user:pass@host:587` (or `smtps://…`); unset writes `.eml` files to `outboxDir`. */
  smtpUrl?: string;
  from: string;
  outboxDir: string;
}

/** Creates the transport: SMTP when a URL is given, else the development outbox. */
export function createMailTransport(options: MailTransportOptions): MailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl, options.from) : outboxTransport(options.outboxDir, options.from);
}

function smtpTransport(url: string, from: string): MailTransport {
  // Bounded waits: a stalled server fails the attempt (and the job retries) instead of holding a worker.
  const transporter: Transporter = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }, { from });
  return {
    kind: 'smtp',
    async send(message) {
      try {
        const info = await transporter.sendMail(message);
        return { messageId: String(info.messageId) };
      } catch (error) {
        throw toMailError(error);
      }
    },
    close: () => transporter.close(),
  };
}

/** Messages rendered by nodemailer and written whole (temp file, then rename) to `<outbox>/<id>.eml`. */
function outboxTransport(outboxDir: string, from: string): MailTransport {
  const transporter: Transporter = createTransport({ streamTransport: true, buffer: true, newline: 'windows' }, { from });
  return {
    kind: 'outbox',
    async send(message) {
      const info = await transporter.sendMail(message);
      const id = randomUUID();
      await mkdir(outboxDir, { recursive: true });
      const file = join(outboxDir, `${id}.eml`);
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return { messageId: String(info.messageId) };
    },
    close: () => transporter.close(),
  };
}

function toMailError(error: unknown): MailError {
  const e = error as NodemailerError;
  const permanent = e?.permanent === true;
  // The server's reply says what went wrong; our own message never carries credentials from the URL.
  const reason = e?.response ? e.response : (e?.code ?? 'error');
  const message = e?.responseCode ? `SMTP ${e.responseCode}: ${reason}` : `SMTP unreachable: ${e?.originalCode ?? reason}`;
  return new MailError(message, permanent, e?.responseCode, { cause: error });
}
