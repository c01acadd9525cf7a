import path from 'node:path';
import { z } from 'zod';
import rawConfig from '@/site.config';
import { formatIssues } from './zod-errors';

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
