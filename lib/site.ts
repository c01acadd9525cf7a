import path from 'node:path';
import { z } from 'zod';
import rawConfig from '@/site.config';
import { DEFAULT_POST_PERMALINK, permalinkProblem } from './paths';
import { formatIssues } from './zod-errors';
import { PRESET_NAMES } from './content/presets';
import { BUILTIN_FIELDS } from './content/schema';

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as "Europe/Berlin" or "UTC"' },
);

const origin = z
  .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as "https://example.com"' })
  .refine((u) => URL.canParse(u) && new URL(u).pathname === '/' && !u.includes('?') && !u.includes('#'), {
    message: 'must be an origin without a path; put a sub-path in BASE_PATH instead',
  })
  .transform((u) => u.replace(/\/$/, ''));

// The base path comes only from the environment (BASE_PATH), because next.config.ts must see the
// same value and reads nothing else.
const basePath = z
  .string()
  .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'must be empty or start with "/", e.g. "/blog"');

/** User agents of AI crawlers that `aiCrawlers.policy` applies to (robots.txt and llms.txt). */
export const AI_CRAWLERS = [
  'GPTBot', 'ChatGPT-User', 'OAI-SearchBot', 'ClaudeBot', 'Claude-User', 'anthropic-ai', 'Google-Extended',
  'Applebot-Extended', 'PerplexityBot', 'CCBot', 'Bytespider', 'meta-externalagent', 'Amazonbot', 'cohere-ai',
];
/** Of those, the ones that collect training data (shut out by `policy: 'no-training'`). */
export const AI_TRAINING_CRAWLERS = [
  'GPTBot', 'ClaudeBot', 'anthropic-ai', 'Google-Extended', 'Applebot-Extended', 'CCBot', 'Bytespider', 'meta-externalagent', 'cohere-ai',
];
const userAgentToken = z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be a user-agent token such as "GPTBot"');

const contactUri = z
  .string()
  .regex(/^(mailto:[^\s@]+@[^\s@]+|tel:\+?[0-9 ()-]+|https:\/\/\S+)$/, 'must be a mailto:, tel: or https: URI');

/** Machine-readable outputs: feeds, sitemap, robots.txt, security.txt and optional identities. */
const outputsSchema = {
  feeds: z
    .strictObject({
      /** Posts in each subscription feed, and in each archive document (RFC 5005) of older posts. */
      items: z.int().min(1).max(1000).default(20),
      /** WebSub: the hub readers subscribe at (rel="hub"); `npm run ping` notifies it after a deploy. */
      websub: z.strictObject({ hub: z.url({ protocol: /^https?$/, message: 'must be the absolute http(s) URL of a WebSub hub' }).optional() }).prefault({}),
    })
    .prefault({}),
  /** IndexNow: the key is published at /<key>.txt and `npm run ping` submits changed URLs to `endpoint`. */
  indexNow: z
    .strictObject({
      key: z.string().regex(/^[A-Za-z0-9-]{8,128}$/, 'must be 8 to 128 letters, digits or "-", as IndexNow keys are').optional(),
      endpoint: z.url({ protocol: /^https?$/, message: 'must be the absolute http(s) URL of an IndexNow endpoint' }).default('https://api.indexnow.org/indexnow'),
    })
    .prefault({}),
  aiCrawlers: z
    .strictObject({
      /**
       * The one content-use policy, written as robots.txt groups, Content-Signal lines and the
       * llms.txt sentence. allow: AI may use the content to answer and to train; no-training: to
       * answer only (training crawlers shut out); disallow: AI crawlers shut out.
       */
      policy: z.enum(['allow', 'no-training', 'disallow']).default('allow'),
      agents: z.array(userAgentToken).default(AI_CRAWLERS),
      /** The crawlers `no-training` shuts out. */
      trainingAgents: z.array(userAgentToken).default(AI_TRAINING_CRAWLERS),
    })
    .prefault({}),
  /** Past `maxUrls` URLs the sitemap becomes an index of chunks (sitemaps.org allows 50,000 per file). */
  sitemap: z.strictObject({ maxUrls: z.int().min(1).max(50_000).default(50_000) }).prefault({}),
  security: z
    .strictObject({
      /** Defaults to mailto: the author's email; without either, no security.txt is published. */
      contact: z.array(contactUri).min(1).optional(),
      /** Expires is the build time plus this many days (RFC 9116 wants less than a year). */
      expiresInDays: z.int().min(1).max(365).default(180),
      policy: z.url({ protocol: /^https$/ }).optional(),
      /** Defaults to the site language. */
      preferredLanguages: z.array(z.string().min(2)).optional(),
    })
    .prefault({}),
  identity: z
    .strictObject({
      /** Published at /.well-known/atproto-did (Bluesky handle verification). */
      atprotoDid: z.string().regex(/^did:[a-z]+:[A-Za-z0-9._:%-]+$/, 'must be a DID such as "did:plc:abc123"').optional(),
      /** One WebFinger identity, published at /.well-known/webfinger. */
      webfinger: z
        .strictObject({
          subject: z.string().regex(/^acct:[^@\s]+@[^@\s]+$/, 'must be an acct: URI such as "acct:me@example.com"'),
          profile: z.url(),
          aliases: z.array(z.url()).default([]),
        })
        .optional(),
    })
    .prefault({}),
};

/** A site path such as "/old/post/": what a redirect leaves from or lands on. */
const sitePathSchema = z.string().regex(/^\/[^\s?#]*$/, 'must be a site path starting with "/", such as "/old-post/"');

/** URL patterns of posts (Hugo's permalinks, Jekyll's permalink) and the redirects that keep old URLs alive. */
const urlsSchema = {
  permalinks: z
    .strictObject({
      /** Where each post is published, e.g. "/posts/:slug/", "/:slug/", "/:year/:month/:slug/". */
      post: z.string().superRefine((pattern, ctx) => {
        const problem = permalinkProblem(pattern);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }).default(DEFAULT_POST_PERMALINK),
      /** Earlier patterns whose URLs redirect to the current one, so a permalink change breaks no link. */
      keep: z.array(z.string().superRefine((pattern, ctx) => {
        const problem = permalinkProblem(pattern);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })).default([]),
    })
    .prefault({}),
  /** Site-wide redirects: each `from` path answers with a redirect to `to` (a site path or an absolute URL). */
  redirects: z.array(z.strictObject({ from: sitePathSchema, to: z.union([sitePathSchema, z.url({ protocol: /^https?$/ })]) })).default([]),
};

const hexColor = z.string().regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a hex colour such as "#0b5fce"');

/** Colours of the Open Graph cards (lib/og). */
const ogCardSchema = z.strictObject({
  background: hexColor.default('#111418'),
  foreground: hexColor.default('#f2f4f7'),
  muted: hexColor.default('#9aa4b0'),
  accent: hexColor.default('#6cb0ff'),
});

const frontmatterKey = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/, 'must be a frontmatter key such as "spoiler" (or a dotted path such as "taxonomies.tags")');
const isBuiltin = (key: string) => (BUILTIN_FIELDS as string[]).includes(key);

/**
 * Frontmatter written for another generator: extra fields declared as zod schemas (kept on the entry
 * as `fields`), keys renamed onto the built-in fields, keys accepted and dropped, and presets that
 * bundle the usual renames and ignores (lib/content/presets.ts).
 */
const frontmatterConfigSchema = z
  .strictObject({
    preset: z.enum(PRESET_NAMES, { message: `must be one of ${PRESET_NAMES.map((p) => `"${p}"`).join(', ')}` }).optional(),
    fields: z
      .record(
        frontmatterKey,
        z.custom<z.ZodType>((v) => typeof (v as { safeParse?: unknown } | null)?.safeParse === 'function', {
          message: 'must be a zod schema, e.g. z.string() or z.url().optional()',
        }),
      )
      .default({}),
    rename: z
      .record(
        frontmatterKey,
        z.enum(BUILTIN_FIELDS as [string, ...string[]], { message: `must be a built-in field: ${BUILTIN_FIELDS.join(', ')}` }),
      )
      .default({}),
    ignore: z.array(frontmatterKey).default([]),
  })
  .superRefine((config, ctx) => {
    for (const key of Object.keys(config.fields)) {
      if (key.includes('.') || isBuiltin(key)) {
        ctx.addIssue({ code: 'custom', path: ['fields', key], message: 'is a built-in field or a dotted path: declare only new top-level keys (rename a key onto a built-in field with frontmatter.rename)' });
      }
    }
    for (const key of config.ignore) {
      if (key in config.fields || key in config.rename) {
        ctx.addIssue({ code: 'custom', path: ['ignore'], message: `"${key}" is also declared or renamed: keep it in one place` });
      }
    }
    for (const key of Object.keys(config.rename)) {
      if (isBuiltin(key)) ctx.addIssue({ code: 'custom', path: ['rename', key], message: 'is a built-in field already: rename only keys of other generators' });
      if (key in config.fields) ctx.addIssue({ code: 'custom', path: ['rename', key], message: `"${key}" is also a declared field: keep it in one place` });
    }
  })
  .prefault({});

export type FrontmatterConfig = z.output<typeof frontmatterConfigSchema>;

export const siteSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(1),
  url: origin,
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a BCP 47 tag such as "en" or "de-AT"'),
  timeZone,
  author: z.strictObject({
    name: z.string().min(1),
    email: z.email().optional(),
    url: z.url().optional(),
  }),
  postsPerPage: z.int().min(1).max(100).default(10),
  contentDir: z.string().default('content'),
  frontmatter: frontmatterConfigSchema,
  ...outputsSchema,
  ...urlsSchema,

  ogCard: ogCardSchema.prefault({}),
});

export type SiteInput = z.input<typeof siteSchema>;
export type Site = z.output<typeof siteSchema> & {
  /** URL prefix of the whole site, e.g. "/blog"; "" at the root. From BASE_PATH. */
  basePath: string;
  /** Absolute path of the content folder. */
  contentRoot: string;
  /** The "now" of the publication rule (BUILD_DATE, or the real time). */
  buildDate: Date;
  /** Development shows drafts and future posts with a badge; production leaves them out. */
  isDevelopment: boolean;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates a config object merged with environment overrides. Pure: tests pass their own env. */
export function resolveSite(input: unknown, env: Record<string, string | undefined> = process.env): Site {
  const merged = { ...(input as object) } as Record<string, unknown>;
  if (env.SITE_URL) merged.url = env.SITE_URL;
  if (env.CONTENT_DIR) merged.contentDir = env.CONTENT_DIR;
  if (env.FEED_ITEMS) merged.feeds = { ...(merged.feeds as object), items: Number(env.FEED_ITEMS) };
  if (env.POSTS_PER_PAGE) merged.postsPerPage = Number(env.POSTS_PER_PAGE);
  if (env.INDEXNOW_KEY) merged.indexNow = { ...(merged.indexNow as object), key: env.INDEXNOW_KEY };
  if (env.SITEMAP_MAX_URLS) merged.sitemap = { ...(merged.sitemap as object), maxUrls: Number(env.SITEMAP_MAX_URLS) };

  const parsed = siteSchema.safeParse(merged);
  if (!parsed.success) {
    const known = Object.keys(siteSchema.shape);
    throw new ConfigError(`Invalid site config (site.config.ts or environment):\n${formatIssues(parsed.error.issues, known)}`);
  }
  const base = basePath.safeParse((env.BASE_PATH ?? '').replace(/\/$/, ''));
  if (!base.success) throw new ConfigError(`Invalid BASE_PATH "${env.BASE_PATH}": ${base.error.issues[0]?.message}.`);

  let buildDate = new Date();
  if (env.BUILD_DATE) {
    buildDate = new Date(env.BUILD_DATE);
    if (Number.isNaN(buildDate.getTime())) {
      throw new ConfigError(
        `Invalid BUILD_DATE "${env.BUILD_DATE}": use an ISO 8601 date-time such as 2025-01-31T12:00:00Z.`,
      );
    }
  }

  return {
    ...parsed.data,
    basePath: base.data,
    contentRoot: path.resolve(parsed.data.contentDir),
    buildDate,
    isDevelopment: env.NODE_ENV === 'development',
  };
}

let cached: Site | undefined;

/** The site of this process, from site.config.ts and the environment. */
export function getSite(): Site {
  cached ??= resolveSite(rawConfig);
  return cached;
}
