import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { logger } from '../log';
import { BACKSTOP_CHECKPOINT_PAGES, startCheckpointer } from './sqlite-checkpointer';
import { MIGRATIONS_TABLE, migrations, pageSql, rateLimitSql } from './migrations';
import { rateLimitState, type NewSubmission, type Page, type Store, type Submission, type Subscriber } from './types';

/** SQLite at one file, in WAL mode: the embedded default for a single server process. */
export function openSqliteStore(file: string): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode keeps every committed transaction across a process crash (kill -9); only a
  // power loss can drop the last commits. busy_timeout lets a second process wait for the write lock.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer(file, (message) => logger.warn('SQLite checkpoint failed', { message }));

  /** A cursor page: the first page's statement or the one after a key. */
  function pageStatements<Row>(sql: { first: string; after: string }) {
    const first = db.prepare<[{ limit: number }], Row>(sql.first);
    const after = db.prepare<[{ after: string; limit: number }], Row>(sql.after);
    return (page: Page) => (page.after === undefined ? first.all({ limit: page.limit }) : after.all({ after: page.after, limit: page.limit }));
  }

  // Statements are prepared once the tables exist.
  let statements: ReturnType<typeof prepareAfterMigrations> | undefined;
  function prepareAfterMigrations() {
    return {
      insertSubmission: db.prepare(
        `INSERT INTO submissions (id, name, email, message, spam, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertSubscriber: db.prepare(`INSERT INTO subscribers (email, created_at) VALUES (?, ?) ON CONFLICT (email) DO NOTHING`),
      hit: db.prepare<[{ key: string; now: number; windowMs: number }], { count: number; window_start: number }>(rateLimitSql((name) => `@${name}`)),
      submissions: pageStatements<{ id: string; name: string; email: string; message: string; spam: number; request_id: string; created_at: string }>(pageSql('submissions', 'id', (name) => `@${name}`)),
      claimDelivery: db.prepare(`INSERT INTO webhook_deliveries (id, received_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`),
      releaseDelivery: db.prepare(`DELETE FROM webhook_deliveries WHERE id = ?`),
      subscribers: pageStatements<{ email: string; created_at: string }>(pageSql('subscribers', 'email', (name) => `@${name}`)),
      pruneRateLimits: db.prepare(`DELETE FROM rate_limits WHERE window_start < ?`),
      pruneDeliveries: db.prepare(`DELETE FROM webhook_deliveries WHERE received_at < ?`),
    };
  }
  const ready = () => (statements ??= prepareAfterMigrations());

  return {
    kind: 'sqlite',
    async migrate() {
      db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const applied: number[] = [];
      // IMMEDIATE takes the write lock first, so two processes starting together cannot both apply one version.
      db.transaction(() => {
        const done = new Set(db.prepare(`SELECT version FROM ${MIGRATIONS_TABLE}`).pluck().all() as number[]);
        for (const m of migrations) {
          if (done.has(m.version)) continue;
          db.exec(m.sqlite);
          db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`).run(m.version, m.name, new Date().toISOString());
          applied.push(m.version);
        }
      }).immediate();
      ready();
      return applied;
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async addSubmission(s: NewSubmission) {
      const id = randomUUID();
      ready().insertSubmission.run(id, s.name, s.email, s.message, s.spam ? 1 : 0, s.requestId, new Date().toISOString());
      return { id };
    },
    async addSubscriber(email: string) {
      const result = ready().insertSubscriber.run(email, new Date().toISOString());
      return { created: result.changes === 1 };
    },
    async hitRateLimit(key, max, windowSeconds, now = new Date()) {
      const row = ready().hit.get({ key, now: now.getTime(), windowMs: windowSeconds * 1000 })!;
      return rateLimitState(row.count, row.window_start, max, windowSeconds, now.getTime());
    },
    async claimWebhookDelivery(id) {
      return ready().claimDelivery.run(id, new Date().toISOString()).changes === 1;
    },
    async releaseWebhookDelivery(id) {
      ready().releaseDelivery.run(id);
    },
    async pruneRateLimits(windowStartBeforeMs) {
      ready().pruneRateLimits.run(windowStartBeforeMs);
    },
    async pruneWebhookDeliveries(receivedBefore) {
      ready().pruneDeliveries.run(receivedBefore.toISOString());
    },
    async listSubmissions({ after, limit }): Promise<Submission[]> {
      return ready()
        .submissions({ after, limit })
        .map((r) => ({ id: r.id, name: r.name, email: r.email, message: r.message, spam: r.spam === 1, requestId: r.request_id, createdAt: r.created_at }));
    },
    async listSubscribers({ after, limit }): Promise<Subscriber[]> {
      return ready().subscribers({ after, limit }).map((r) => ({ email: r.email, createdAt: r.created_at }));
    },
    async close() {
      await checkpointer.stop();
      if (db.open) db.close();
    },
  };
}
