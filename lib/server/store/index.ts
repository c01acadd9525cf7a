import { getServerConfig } from '../config';
import { logger } from '../log';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

export type { Store, Submission, Subscriber, NewSubmission, RateLimitState } from './types';

// One store per process, kept on globalThis because every route bundle has its own copy of this
// module. A failed open is forgotten, so the next request tries again (health answers 503 meanwhile).
const KEY = Symbol.for('mdsite.store');
const slot = globalThis as typeof globalThis & { [KEY]?: Promise<Store> };

async function openStore(): Promise<Store> {
  const config = getServerConfig();
  const store = config.databaseUrl
    ? (await import('./postgres')).openPostgresStore(config.databaseUrl)
    : openSqliteStore(config.databasePath);
  try {
    const applied = await store.migrate();
    logger.info('store ready', { store: store.kind, migrationsApplied: applied });
    return store;
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
}

/** The migrated store of this process, opened on first use. */
export function getStore(): Promise<Store> {
  if (!slot[KEY]) {
    slot[KEY] = openStore();
    slot[KEY].catch(() => delete slot[KEY]);
  }
  return slot[KEY];
}

/** Closes the store if one is open (at shutdown). */
export async function closeStore(): Promise<void> {
  const pending = slot[KEY];
  delete slot[KEY];
  if (pending) await (await pending.catch(() => undefined))?.close();
}
