// The storage interface every endpoint uses. Narrow on purpose: one adapter per database
// (SQLite embedded, Postgres for several processes) implements exactly this.

export interface NewSubmission {
  name: string;
  email: string;
  message: string;
  /** The honeypot was filled: kept for review, never treated as a real message. */
  spam: boolean;
  requestId: string;
}

export interface Submission extends NewSubmission {
  id: string;
  createdAt: string;
}

export interface Subscriber {
  email: string;
  createdAt: string;
}

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
  /** When the current window ends (ms since the epoch). */
  resetAtMs: number;
}

/** A cursor page: the rows after the row whose key is `after` (from the start when unset). */
export interface Page {
  after?: string;
  limit: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations; returns the versions applied now. */
  migrate(): Promise<number[]>;
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  addSubmission(submission: NewSubmission): Promise<{ id: string }>;
  /** Idempotent: an address already subscribed stays one row. */
  addSubscriber(email: string): Promise<{ created: boolean }>;
  /** Counts one request of `key` in a fixed window, atomically, and says whether it is within `max`. */
  hitRateLimit(key: string, max: number, windowSeconds: number, now?: Date): Promise<RateLimitState>;
  /** Records a webhook delivery id; false when it was seen before (a replay). */
  claimWebhookDelivery(id: string): Promise<boolean>;
  /** Forgets a delivery that could not be processed, so the sender's retry is accepted. */
  releaseWebhookDelivery(id: string): Promise<void>;
  /** Forgets rate-limit windows that started before `windowStartBeforeMs` (they can no longer count). */
  pruneRateLimits(windowStartBeforeMs: number): Promise<void>;
  /** Forgets deliveries received before `receivedBefore`: their timestamps are outside the tolerance by then. */
  pruneWebhookDeliveries(receivedBefore: Date): Promise<void>;
  /** Submissions in (created_at, id) order, `limit` of them after the one with id `after`. */
  listSubmissions(page: Page): Promise<Submission[]>;
  /** Subscribers in (created_at, email) order, `limit` of them after the address `after`. */
  listSubscribers(page: Page): Promise<Subscriber[]>;
  /**
   * Several processes (Postgres only): tells every other process that the content changed, and
   * calls `listener` when another one says so. SQLite serves one process and has neither.
   */
  announceContentChange?(): Promise<void>;
  onContentChange?(listener: () => void): void;
  close(): Promise<void>;
}

/** Turns a counter row of a fixed window into what the rate limiter reports. */
export function rateLimitState(count: number, windowStartMs: number, max: number, windowSeconds: number, nowMs: number): RateLimitState {
  const resetAtMs = windowStartMs + windowSeconds * 1000;
  return {
    resetAtMs,
    allowed: count <= max,
    limit: max,
    remaining: Math.max(0, max - count),
    resetSeconds: Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000)),
  };
}
