const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID: every id of the domain is one, so anything else names no row (PostgreSQL would call it invalid text). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
