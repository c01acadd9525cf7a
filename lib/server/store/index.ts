import { getServerConfig } from '../config';
import { logger } from '../log';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

export type { Store, Submission, Subscriber, NewSubmission, Page, RateLimitState } from './types';

// One store per process, kept on globalThis because every route bundle has its own copy of this
// module. A failed open is forgotten, so the next request tries again (health answers 503 meanwhile).
const KEY = Symbol.for('mdsite.store');
const HOOKS = Symbol.for('mdsite.store.on-open');
const slot = globalThis as typeof globalThis & { [KEY]?: Promise<Store>; [HOOKS]?: ((store: Store) => void)[] };

/** Runs `hook` with the store each time one is opened (at start, or later after a failed start). */
export function whenStoreOpens(hook: (store: Store) => void): void {
  (slot[HOOKS] ??= []).push(hook);
}

async function openStore(): Promise<Store> {
  const config = getServerConfig();
  const store = config.databaseUrl
    ? (await import('./postgres')).openPostgresStore(config.databaseUrl)
    : openSqliteStore(config.databasePath);
  try {
    const applied = await store.migrate();
    logger.info('store ready', { store: store.kind, migrationsApplied: applied });
    for (const hook of slot[HOOKS] ?? []) hook(store);
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
