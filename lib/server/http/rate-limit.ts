import { isIPv4, isIPv6 } from 'node:net';
import type { RateLimitRule, ServerConfig } from '../config';
import { errorFields, logger } from '../log';
import type { RateLimitState, Store } from '../store';

// Fixed-window rate limits counted in the database, so several processes share one budget. What this
// module adds in front of the store: IPv6 clients grouped by prefix, a per-process memory of full
// windows (a request over the limit is answered without a database write), and pruning.

/**
 * The rate-limit identity of a client address. IPv4 (also IPv4-mapped IPv6) stays as it is; IPv6 is cut
 * to its first `prefixLength` bits, since one subscriber usually holds a whole /64 and could rotate
 * through it for fresh budgets.
 */
export function rateLimitClient(address: string, prefixLength: number): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  const kept = groups.map((group, i) => {
    const bits = Math.min(16, Math.max(0, prefixLength - i * 16));
    return bits === 0 ? 0 : group & ((0xffff << (16 - bits)) & 0xffff);
  });
  return `${kept.map((g) => g.toString(16)).join(':')}/${prefixLength}`;
}

/** The eight 16-bit groups of an IPv6 address, or undefined for anything else. */
function ipv6Groups(address: string): number[] | undefined {
  if (!isIPv6(address)) return undefined;
  let text = address.split('%')[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4 && isIPv4(v4)) {
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.map((g) => parseInt(g, 16));
}

// Per process, on globalThis because every route bundle has its own copy of this module.
const KEY = Symbol.for('mdsite.rate-limit');
interface Memory {
  /** Keys whose current window is full, with the time it ends. */
  full: Map<string, number>;
  lastPrune: number;
}
const slot = globalThis as typeof globalThis & { [KEY]?: Memory };
const memory = (slot[KEY] ??= { full: new Map(), lastPrune: 0 });

/** Full windows remembered at most; past it the oldest are forgotten (they cost one write each again). */
const MAX_REMEMBERED = 50_000;
const PRUNE_EVERY_MS = 60_000;

function rememberFull(key: string, resetAtMs: number, now: number) {
  if (memory.full.size >= MAX_REMEMBERED) {
    for (const [k, until] of memory.full) if (until <= now) memory.full.delete(k);
    while (memory.full.size >= MAX_REMEMBERED) memory.full.delete(memory.full.keys().next().value!);
  }
  memory.full.set(key, resetAtMs);
}

/** The longest window any rule uses: rows older than that can be deleted. */
function longestWindowMs(config: ServerConfig): number {
  const rules = [config.rateLimits.contact, config.rateLimits.subscribe, config.webhookRateLimit];
  return Math.max(...rules.map((r) => r.windowSeconds)) * 1000;
}

/** Deletes expired windows at most once a minute per process, in the background. */
function pruneNowAndThen(store: Store, config: ServerConfig, now: number) {
  if (now - memory.lastPrune < PRUNE_EVERY_MS) return;
  memory.lastPrune = now;
  store.pruneRateLimits(now - longestWindowMs(config)).catch((error) => logger.warn('pruning rate limits failed', errorFields(error)));
}

/**
 * Counts one request of `client` in `bucket`. A window known to be full is answered from memory: a
 * flood over the limit costs no database write. Memory is only a shortcut for "no": every allowed
 * request is still counted in the database, so processes together never allow more than the limit.
 */
export async function hitRateLimit(store: Store, config: ServerConfig, bucket: string, client: string, rule: RateLimitRule, now = Date.now()): Promise<RateLimitState> {
  const key = `${bucket}:${rateLimitClient(client, config.ipv6PrefixLength)}`;
  const fullUntil = memory.full.get(key);
  if (fullUntil !== undefined) {
    if (fullUntil > now) return { allowed: false, limit: rule.max, remaining: 0, resetSeconds: Math.max(1, Math.ceil((fullUntil - now) / 1000)), resetAtMs: fullUntil };
    memory.full.delete(key);
  }
  pruneNowAndThen(store, config, now);
  const state = await store.hitRateLimit(key, rule.max, rule.windowSeconds, new Date(now));
  if (state.remaining === 0) rememberFull(key, state.resetAtMs, now);
  return state;
}
