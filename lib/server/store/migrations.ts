// Versioned schema changes, applied in order at start by every adapter. Never edit a released
// migration: add the next version. Each dialect gets its own SQL where types differ.

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'submissions, subscribers and rate limits',
    sqlite: `
      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        message TEXT NOT NULL,
        spam INTEGER NOT NULL DEFAULT 0,
        request_id TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX submissions_created_at ON submissions (created_at);
      CREATE TABLE subscribers (
        email TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      );
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        window_start INTEGER NOT NULL,
        count INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        message TEXT NOT NULL,
        spam BOOLEAN NOT NULL DEFAULT FALSE,
        request_id TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX submissions_created_at ON submissions (created_at);
      CREATE TABLE subscribers (
        email TEXT PRIMARY KEY,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        window_start BIGINT NOT NULL,
        count INTEGER NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'webhook deliveries, for replay protection',
    sqlite: `CREATE TABLE webhook_deliveries (id TEXT PRIMARY KEY, received_at TEXT NOT NULL);`,
    postgres: `CREATE TABLE webhook_deliveries (id TEXT PRIMARY KEY, received_at TIMESTAMPTZ NOT NULL);`,
  },
  {
    version: 3,
    name: 'indexes for cursor pages of the admin export and for pruning',
    sqlite: `
      CREATE INDEX submissions_page ON submissions (created_at, id);
      CREATE INDEX subscribers_page ON subscribers (created_at, email);
      CREATE INDEX rate_limits_window_start ON rate_limits (window_start);
      CREATE INDEX webhook_deliveries_received_at ON webhook_deliveries (received_at);`,
    postgres: `
      CREATE INDEX submissions_page ON submissions (created_at, id);
      CREATE INDEX subscribers_page ON subscribers (created_at, email);
      CREATE INDEX rate_limits_window_start ON rate_limits (window_start);
      CREATE INDEX webhook_deliveries_received_at ON webhook_deliveries (received_at);`,
  },
  {
    version: 4,
    name: 'drop the created_at index that submissions_page covers',
    // One index fewer to write on every submission; (created_at, id) serves every created_at lookup.
    sqlite: `DROP INDEX IF EXISTS submissions_created_at;`,
    postgres: `DROP INDEX IF EXISTS submissions_created_at;`,
  },
];

/** The bookkeeping table both adapters create before applying migrations. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * One statement that counts a hit in a fixed window: a new key or an expired window starts at 1.
 * SET expressions see the old row, so the window test reads the stored start. Parameters: key, now
 * (ms), windowMs, written by `placeholder` as `$1..$3` (Postgres) or `@key…` (SQLite).
 */
export function rateLimitSql(placeholder: (name: 'key' | 'now' | 'windowMs', position: number) => string): string {
  const [key, now, windowMs] = (['key', 'now', 'windowMs'] as const).map((name, i) => placeholder(name, i + 1));
  return `INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start + ${windowMs} <= ${now} THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start + ${windowMs} <= ${now} THEN ${now} ELSE rate_limits.window_start END
    RETURNING count, window_start`;
}

/**
 * Keyset pagination of an admin listing: `limit` rows of `table` in (created_at, key) order, from the
 * start or after the row whose key is the `after` parameter. Two statements, not one with
 * "after IS NULL OR …", so that each page is one index range and not a scan of the table.
 */
export function pageSql(table: 'submissions' | 'subscribers', key: 'id' | 'email', placeholder: (name: 'after' | 'limit', position: number) => string): { first: string; after: string } {
  const order = `ORDER BY created_at, ${key} LIMIT`;
  return {
    first: `SELECT * FROM ${table} ${order} ${placeholder('limit', 1)}`,
    after: `SELECT * FROM ${table}
      WHERE (created_at, ${key}) > (SELECT created_at, ${key} FROM ${table} WHERE ${key} = ${placeholder('after', 1)})
      ${order} ${placeholder('limit', 2)}`,
  };
}
