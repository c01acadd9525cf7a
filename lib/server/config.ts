import { Webhook } from 'standardwebhooks';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, getSite } from '../site';
import { formatIssues } from '../zod-errors';

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
  WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+=*$/, 'must be a Standard Webhooks secret: "whsec_" followed by base64')
    // The library decodes the key on construction: a secret it rejects must stop the start, not fail each call.
    .refine(isUsableWebhookSecret, 'must be "whsec_" followed by valid base64 (generate one with `openssl rand -base64 32`)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ADMIN_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters; generate one with `openssl rand -hex 32`')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export interface ServerConfig {
  databasePath: string;
  databaseUrl?: string;
  maxBodyBytes: number;
  rateLimits: { contact: RateLimitRule; subscribe: RateLimitRule };
  trustProxy: boolean;
  /** Origins allowed to call the endpoints from a browser, e.g. "https://example.com". */
  corsOrigins: string[];
  /** Standard Webhooks secret of the content webhook; the webhook is off without one. */
  webhookSecret?: string;
  /** Bearer token of the admin export; the admin endpoints are off without one. */
  adminToken?: string;
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
  const corsOrigins = (e.CORS_ORIGINS ?? siteOrigin)
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !URL.canParse(origin)) {
      throw new ConfigError(`Invalid CORS_ORIGINS entry "${origin}": use comma-separated origins such as "https://example.com".`);
    }
  }
  return {
    databasePath: path.resolve(e.DATABASE_PATH),
    databaseUrl: e.DATABASE_URL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    rateLimits: { contact: e.CONTACT_RATE_LIMIT, subscribe: e.SUBSCRIBE_RATE_LIMIT },
    trustProxy: e.TRUST_PROXY,
    corsOrigins,
    webhookSecret: e.WEBHOOK_SECRET,
    adminToken: e.ADMIN_TOKEN,
  };
}

let cached: ServerConfig | undefined;

export function getServerConfig(): ServerConfig {
  cached ??= resolveServerConfig(process.env, getSite().url);
  return cached;
}

function isUsableWebhookSecret(secret: string): boolean {
  try {
    new Webhook(secret);
    return true;
  } catch {
    return false;
  }
}
