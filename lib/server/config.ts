import path from 'node:path';
import { z } from 'zod';
import { ConfigError, getSite } from '../site';
import { formatIssues } from '../zod-errors';
import type { CachePolicy } from './http-cache';
import { webhookKey } from './webhook-signature';

/** "5/60" → at most 5 requests per 60 seconds per client. */
const rateLimit = z
  .string()
  .regex(/^\d+\/\d+$/, 'must be "<requests>/<seconds>", e.g. "5/60"')
  .transform((value) => {
    const [max, windowSeconds] = value.split('/').map(Number) as [number, number];
    return { max, windowSeconds };
  })
  .refine((r) => r.max >= 1 && r.windowSeconds >= 1, 'needs at least 1 request and a window of at least 1 second');

const flag = z
  .enum(['', '0', '1', 'false', 'true', 'no', 'yes'], { message: 'must be 1/true/yes or 0/false/no' })
  .transform((v) => ['1', 'true', 'yes'].includes(v));

/** One value or several separated by commas or whitespace; empty or unset is none. */
const list = (item: z.ZodString) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(item));

const serverEnvSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/site.db'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAX_BODY_BYTES: z.coerce.number().int().min(256).max(10 * 1024 * 1024).default(16 * 1024),
  CONTACT_RATE_LIMIT: rateLimit.prefault('5/60'),
  SUBSCRIBE_RATE_LIMIT: rateLimit.prefault('5/60'),
  TRUST_PROXY: flag.default(false),
  CORS_ORIGINS: z.string().optional(),
  WEBHOOK_RATE_LIMIT: rateLimit.prefault('60/60'),
  /** IPv6 clients share one rate-limit budget per prefix of this length: one /64 is usually one subscriber. */
  RATE_LIMIT_IPV6_PREFIX: z.coerce.number().int().min(32).max(128).default(64),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Seconds a browser or CDN may keep a page or generated file before asking again: how long a reload may take to show. */
  CACHE_MAX_AGE: z.coerce.number().int().min(0).max(31_536_000).default(60),
  CACHE_STALE_WHILE_REVALIDATE: z.coerce.number().int().min(0).max(31_536_000).default(86_400),
  // Several values, separated by commas or spaces, are all accepted: the way to rotate without downtime.
  WEBHOOK_SECRET: list(
    z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]+=*$/, 'must be a Standard Webhooks secret: "whsec_" followed by base64')
      .refine((s) => webhookKey(s) !== undefined, 'must be "whsec_" followed by valid base64 (generate one with `openssl rand -base64 32`)'),
  ),
  ADMIN_TOKEN: list(z.string().min(24, 'must be at least 24 characters; generate one with `openssl rand -hex 32`')),
});

export interface ServerConfig {
  databasePath: string;
  databaseUrl?: string;
  maxBodyBytes: number;
  rateLimits: { contact: RateLimitRule; subscribe: RateLimitRule };
  trustProxy: boolean;
  /** Origins allowed to call the endpoints from a browser, e.g. "https://example.com". */
  corsOrigins: string[];
  /** Standard Webhooks secrets of the content webhook (any one signs); the webhook is off without one. */
  webhookSecrets: string[];
  /** Bearer tokens of the admin export (any one opens it); the admin endpoints are off without one. */
  adminTokens: string[];
  /** Rate limit of the content webhook, per client. */
  webhookRateLimit: RateLimitRule;
  /** IPv6 addresses are grouped by this prefix length for rate limits. */
  ipv6PrefixLength: number;
  /** A connection must send its request headers within this time… */
  headersTimeoutMs: number;
  /** …and its body within this time after them, or it is closed (408 when an answer is still possible). */
  bodyTimeoutMs: number;
  /** Caching of pages and generated files (lib/server/http-cache.ts). */
  cache: CachePolicy;
}

export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

/** Reads the server settings from the environment. Pure: tests pass their own env and site origin. */
export function resolveServerConfig(env: Record<string, string | undefined>, siteOrigin: string): ServerConfig {
  const parsed = serverEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid server settings (environment):\n${formatIssues(parsed.error.issues)}`);
  }
  const e = parsed.data;
  // Written as browsers send Origin (lower-case host, no default port, no path): "https://Example.com:443/"
  // would otherwise never match and refuse every form post from the site.
  const corsOrigins = (e.CORS_ORIGINS ?? siteOrigin)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((origin) => {
      if (origin === '*') return origin;
      const url = URL.canParse(origin) ? new URL(origin) : undefined;
      if (!url || url.origin === 'null') {
        throw new ConfigError(`Invalid CORS_ORIGINS entry "${origin}": use comma-separated origins such as "https://example.com".`);
      }
      return url.origin;
    });
  return {
    databasePath: path.resolve(e.DATABASE_PATH),
    databaseUrl: e.DATABASE_URL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    rateLimits: { contact: e.CONTACT_RATE_LIMIT, subscribe: e.SUBSCRIBE_RATE_LIMIT },
    trustProxy: e.TRUST_PROXY,
    corsOrigins,
    webhookSecrets: e.WEBHOOK_SECRET,
    adminTokens: e.ADMIN_TOKEN,
    webhookRateLimit: e.WEBHOOK_RATE_LIMIT,
    ipv6PrefixLength: e.RATE_LIMIT_IPV6_PREFIX,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: e.BODY_TIMEOUT_MS,
    cache: { maxAgeSeconds: e.CACHE_MAX_AGE, staleWhileRevalidateSeconds: e.CACHE_STALE_WHILE_REVALIDATE },
  };
}

let cached: ServerConfig | undefined;

export function getServerConfig(): ServerConfig {
  cached ??= resolveServerConfig(process.env, getSite().url);
  return cached;
}
