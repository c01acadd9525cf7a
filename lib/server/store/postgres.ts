import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS_TABLE, migrations, pageSql, rateLimitSql } from './migrations';
import { rateLimitState, type NewSubmission, type Page, type Store } from './types';

// Postgres for several server processes behind a load balancer: they share submissions,
// subscribers, rate-limit counters and webhook deliveries through it.

/** Any fixed number: the advisory lock that lets one starting process migrate at a time. */
const MIGRATION_LOCK = 4_711_001;
/** The LISTEN/NOTIFY channel on which a process that reloaded its content tells the others. */
const CONTENT_CHANNEL = 'mdsite_content_changed';
/** Names this process in its notifications, so it ignores its own. */
const PROCESS_TAG = randomUUID();

export function openPostgresStore(connectionString: string): Store {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const hitSql = rateLimitSql((_name, position) => `$${position}`);
  const pagePlaceholder = (_name: 'after' | 'limit', position: number) => `$${position}`;
  const submissionsPageSql = pageSql('submissions', 'id', pagePlaceholder);
  const subscribersPageSql = pageSql('subscribers', 'email', pagePlaceholder);
  const page = (sql: { first: string; after: string }, { after, limit }: Page) =>
    after === undefined ? pool.query(sql.first, [limit]) : pool.query(sql.after, [after, limit]);
  const iso = (value: Date | string) => new Date(value).toISOString();
  const listeners: (() => void)[] = [];
  let listening: pg.Client | undefined;
  let closed = false;

  /** One client that LISTENs for the whole process; reconnects a second after losing its connection. */
  async function listen() {
    if (closed || listening) return;
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
    listening = client;
    const retry = () => {
      if (listening !== client) return;
      listening = undefined;
      client.end().catch(() => {});
      if (!closed) setTimeout(() => void listen(), 1000).unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (message) => {
      if (message.channel === CONTENT_CHANNEL && message.payload !== PROCESS_TAG) for (const listener of listeners) listener();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CONTENT_CHANNEL}`);
    } catch {
      retry();
    }
  }

  return {
    kind: 'postgres',
    async migrate() {
      const client = await pool.connect();
      const applied: number[] = [];
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
        const done = new Set((await client.query<{ version: number }>(`SELECT version FROM ${MIGRATIONS_TABLE}`)).rows.map((r) => r.version));
        for (const m of migrations) {
          if (done.has(m.version)) continue;
          await client.query(m.postgres);
          await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES ($1, $2, now())`, [m.version, m.name]);
          applied.push(m.version);
        }
        await client.query('COMMIT');
        return applied;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async addSubmission(s: NewSubmission) {
      const id = randomUUID();
      await pool.query(
        `INSERT INTO submissions (id, name, email, message, spam, request_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [id, s.name, s.email, s.message, s.spam, s.requestId],
      );
      return { id };
    },
    async addSubscriber(email: string) {
      const result = await pool.query(`INSERT INTO subscribers (email, created_at) VALUES ($1, now()) ON CONFLICT (email) DO NOTHING`, [email]);
      return { created: result.rowCount === 1 };
    },
    async hitRateLimit(key, max, windowSeconds, now = new Date()) {
      const { rows } = await pool.query<{ count: number; window_start: string }>(hitSql, [key, now.getTime(), windowSeconds * 1000]);
      const row = rows[0]!;
      return rateLimitState(Number(row.count), Number(row.window_start), max, windowSeconds, now.getTime());
    },
    async claimWebhookDelivery(id) {
      const result = await pool.query(`INSERT INTO webhook_deliveries (id, received_at) VALUES ($1, now()) ON CONFLICT (id) DO NOTHING`, [id]);
      return result.rowCount === 1;
    },
    async releaseWebhookDelivery(id) {
      await pool.query(`DELETE FROM webhook_deliveries WHERE id = $1`, [id]);
    },
    async pruneRateLimits(windowStartBeforeMs) {
      await pool.query(`DELETE FROM rate_limits WHERE window_start < $1`, [windowStartBeforeMs]);
    },
    async pruneWebhookDeliveries(receivedBefore) {
      await pool.query(`DELETE FROM webhook_deliveries WHERE received_at < $1`, [receivedBefore]);
    },
    async listSubmissions({ after, limit }) {
      const { rows } = await page(submissionsPageSql, { after, limit });
      return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, message: r.message, spam: r.spam, requestId: r.request_id, createdAt: iso(r.created_at) }));
    },
    async listSubscribers({ after, limit }) {
      const { rows } = await page(subscribersPageSql, { after, limit });
      return rows.map((r) => ({ email: r.email, createdAt: iso(r.created_at) }));
    },
    async announceContentChange() {
      await pool.query('SELECT pg_notify($1, $2)', [CONTENT_CHANNEL, PROCESS_TAG]);
    },
    onContentChange(listener) {
      listeners.push(listener);
      void listen();
    },
    async close() {
      closed = true;
      const client = listening;
      listening = undefined;
      await client?.end().catch(() => {});
      await pool.end();
    },
  };
}
