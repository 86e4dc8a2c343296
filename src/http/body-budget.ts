/**
 * Internal: the process-wide budget of request-body memory in flight (issue 11). A body reader reserves the body's
 * declared Content-Length (or the size limit for a chunked body) before it reads a byte, tops the reservation up to
 * the body's estimated parsed size once it is read, and gives all of it back when the response is done. Past the
 * budget new bodies are refused, so what request bodies hold stays bounded however many connections send them.
 */
export class BodyBudget {
  #inFlight = 0;

  constructor(readonly capacityBytes: number) {}

  /** Bytes reserved by bodies being read or handled now. */
  get inFlightBytes(): number {
    return this.#inFlight;
  }

  /** Reserves `bytes`; returns the release (idempotent), or undefined when the budget cannot hold them now. */
  tryReserve(bytes: number): (() => void) | undefined {
    if (this.#inFlight + bytes > this.capacityBytes) return undefined;
    this.#inFlight += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight -= bytes;
    };
  }
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const COMMA = 0x2c;

/**
 * What a JSON text costs in the heap once parsed, over-estimated from its structure: the decoded string, ~56 bytes
 * per object or array and 8 per element. Bytes alone would undercount adversarial bodies by 20×: measured on Node
 * 24, 1 MB of `[{},{},…]` parses into 21 MB, of `[1,1,…]` into 4 MB, one 1 MB string into 1 MB. Braces inside
 * strings count too (an over-estimate); a SCIM user of 2 kB comes to about 4 kB.
 */
export function parsedCost(body: Buffer): number {
  let containers = 0;
  let elements = 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) containers++;
    else if (byte === COMMA) elements++;
  }
  return body.length + 56 * containers + 8 * elements;
}
