// Which store errors mean "the database cannot serve now, try again later" (503 with Retry-After),
// as opposed to a bug (500). SQLite: busy or locked past busy_timeout, disk full, read-only, I/O
// errors, a closed handle. Postgres: the server is down, restarting, out of connections or
// unreachable, and the pool's own connection errors.

const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|NOLFS|PROTOCOL)/;
/** SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P0x (shutdown, cannot connect now), 58 (system). */
const POSTGRES_UNAVAILABLE = /^(08|53|57P0|58)/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const DRIVER_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /Cannot use a pool after calling end/i,
  /database connection is not open/i,
];

export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SQLITE_UNAVAILABLE.test(code) || NETWORK_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES_UNAVAILABLE.test(code)) return true;
  }
  return DRIVER_MESSAGES.some((pattern) => pattern.test(error.message));
}
