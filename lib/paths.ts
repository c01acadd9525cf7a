// Every site path the site serves, without the base path: pages, machine-readable files, Open Graph
// cards, forms and the server API. Routes, renderers, endpoints, the output checker and the reserved
// page slugs all take their paths from here, so a URL changes in one place.
//
// With `trailingSlash: true` each page is `x/index.html`, so page paths end in "/" everywhere:
// links, canonicals, sitemap. Files keep their extension and no slash.

// Post permalinks: a pattern from site.config.ts (`permalinks.post`) with :year, :month and :day
// (the post's date in the site's time zone) and :slug, as Hugo's permalinks and Jekyll's permalink.

export const DEFAULT_POST_PERMALINK = '/posts/:slug/';
const PERMALINK_TOKENS = ['year', 'month', 'day', 'slug'] as const;
type PermalinkValues = Record<(typeof PERMALINK_TOKENS)[number], string>;

/** What is wrong with a permalink pattern, or undefined when it is usable. */
export function permalinkProblem(pattern: string): string | undefined {
  const example = 'such as "/posts/:slug/", "/:slug/" or "/:year/:month/:slug/"';
  if (!/^\/(.+\/)?$/.test(pattern)) return `must start and end with "/", ${example}`;
  const unknown = [...pattern.matchAll(/:([a-z]+)/gi)].map((m) => m[1]!).filter((t) => !(PERMALINK_TOKENS as readonly string[]).includes(t));
  if (unknown.length) return `has unknown token${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `:${t}`).join(', ')}; use :year, :month, :day and :slug`;
  if ((pattern.match(/:slug/g) ?? []).length !== 1) return `must contain :slug exactly once, ${example}`;
  if (!/^(\/([A-Za-z0-9._~-]|:(year|month|day|slug))+)+\/$/.test(pattern)) return `may hold only letters, digits, ".", "_", "~", "-" and tokens between slashes, ${example}`;
  if (pattern.split('/').length - 2 > MAX_ENTRY_DEPTH) return `has more than ${MAX_ENTRY_DEPTH} segments; app/[slug] routes serve at most that many`;
  const first = pattern.split('/')[1]!;
  if (!first.includes(':') && first !== 'posts' && RESERVED_PAGE_SLUGS.has(first)) return `starts with "/${first}/", which the site's own pages use; pick another first segment`;
  return undefined;
}

/** The path a permalink pattern gives one post: `/:year/:month/:slug/` → `/2024/05/hello/`. */
export function permalinkPath(pattern: string, values: PermalinkValues): string {
  return pattern.replace(/:(year|month|day|slug)/g, (_, token: keyof PermalinkValues) => values[token]);
}

/** A post's path under `pattern`, its date given as a calendar day ("2024-05-01") in the site's time zone. */
export const postPath = (pattern: string, slug: string, calendarDay: string) => {
  const [year = '', month = '', day = ''] = calendarDay.split('-');
  return permalinkPath(pattern, { year, month, day, slug });
};

/**
 * The page path of an entry's own `permalink` (Jekyll, Hugo's `url`): pages end in "/", so
 * `/about.html` and `/about` publish `/about/` (the written form redirects there, see lib/outputs/redirects.ts).
 */
export const permalinkPagePath = (permalink: string) => `${permalink.replace(/\.html?$/, '').replace(/\/$/, '')}/`;

/** Posts and pages are served at paths of one to this many segments (app/[slug]/…/page.tsx). */
export const MAX_ENTRY_DEPTH = 5;

// Pages.
/** `/page/<n>/`: a numbered page of the post list; `/page/1/` exists, with the home page as canonical. */
export const listPagePath = (page: number) => `/page/${page}/`;
/** The home page, or the numbered page that continues it. */
export const homePath = (page = 1) => (page <= 1 ? '/' : listPagePath(page));
export const pagePath = (slug: string) => `/${slug}/`;
export const tagsPath = () => '/tags/';
/** A tag's page, or the numbered page that continues it: `/tags/<tag>/page/2/`. */
export const tagPath = (tagSlug: string, page = 1) => (page <= 1 ? `/tags/${tagSlug}/` : `/tags/${tagSlug}/page/${page}/`);
/** The tag whose files a site path is among: `/tags/<tag>/…` (pages, feeds) and its twin `/tags/<tag>.md`; not the tag index. */
export const tagOfPath = (sitePath: string): string | undefined => /^\/tags\/([^/]+?)(?:\/|\.md$)/.exec(sitePath)?.[1];
/** The archive: `/archive/`, or one year's posts at `/archive/<year>/`. */
export const archivePath = (year?: number) => (year === undefined ? '/archive/' : `/archive/${year}/`);
export const contactPath = () => '/contact/';
export const contactThanksPath = () => '/contact/thanks/';
export const subscribePath = () => '/subscribe/';
export const subscribeThanksPath = () => '/subscribe/thanks/';

// Feeds.
export type FeedFormat = 'rss' | 'atom' | 'json';
const FEED_FILES: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };
/** `/rss.xml`, or `/tags/<tag>/rss.xml` for one tag. */
export const feedPath = (format: FeedFormat, tagSlug?: string) =>
  tagSlug ? `${tagPath(tagSlug)}${FEED_FILES[format]}` : `/${FEED_FILES[format]}`;

/**
 * Archive document `n` of the site feed or of one tag's feed, beside that feed:
 * `/feeds/archive/3/rss.xml`, `/tags/<tag>/feeds/archive/3/rss.xml`. Numbered from the oldest
 * posts, so the path of an archived post never changes when new posts arrive.
 */
export const feedArchivePath = (format: FeedFormat, n: number | string, tagSlug?: string) =>
  `${tagSlug ? tagPath(tagSlug) : '/'}feeds/archive/${n}/${FEED_FILES[format]}`;
/** The IndexNow key file, `/<key>.txt`, which shows search engines that the site owns the key. */
export const indexNowKeyPath = (key: string) => `/${key}.txt`;

/**
 * The markdown twin of any page: its URL without the slash, plus `.md` (`/posts/a/` → `/posts/a.md`);
 * the home page's is `/index.md`.
 */
export const twinOfPagePath = (pagePath: string) => {
  const trimmed = pagePath.replace(/\/+$/, '');
  return trimmed ? `${trimmed}.md` : '/index.md';
};
/** The markdown twin of a post or page. */
export const twinPath = (entry: { path: string }) => twinOfPagePath(entry.path);
/**
 * Where `next dev` answers any emitted file (next.config.ts rewrites a file path there), because the
 * entry page routes app/[slug]/… would otherwise take `/posts/hello.md` or `/posts/hello/pic.png`:
 * deeper than any entry page, so only the root catch-all route takes it (withDevFiles in
 * lib/outputs/route.ts). The export and the server build serve each file at its own path.
 */
export const DEV_FILES_ROOT = '/dev-files/_/_/_/_';
/** A file published beside a post or page: `/posts/hello/diagram.png`. */
export const assetPath = (entry: { path: string }, name: string) => `${entry.path}${name}`;

// Files for crawlers and agents.
export const llmsPath = () => '/llms.txt';
export const llmsFullPath = () => '/llms-full.txt';
/** A section of llms.txt once it passes 50,000 characters (`posts-2024`, `pages`, `lists`). */
export const llmsSectionPath = (key: string) => `/llms/${key}.txt`;
/** A part of llms-full.txt once it passes 50,000 characters. */
export const llmsFullPartPath = (key: string) => `/llms-full/${key}.txt`;
/** RFC 9727 API catalog. */
export const apiCatalogPath = () => '/.well-known/api-catalog';
export const sitemapPath = () => '/sitemap.xml';
/**
 * A chunk of a sitemap index. At the root: a sitemap may only list URLs below its own folder
 * (sitemaps.org, "Sitemap file location"), so a chunk in /sitemaps/ could not list /posts/….
 */
export const sitemapChunkPath = (n: number | string) => `/sitemap-${n}.xml`;
export const robotsPath = () => '/robots.txt';
export const securityTxtPath = () => '/.well-known/security.txt';
export const atprotoDidPath = () => '/.well-known/atproto-did';
export const webfingerPath = () => '/.well-known/webfinger';
export const manifestPath = () => '/manifest.webmanifest';
/** Folder of the full-text search bundle the build's Pagefind step writes (lib/search/pagefind.ts). */
export const searchBundlePath = () => '/pagefind/';
export const openApiPath = () => '/openapi.json';

// The read-only JSON API (both modes).
export const postsApiPath = () => '/api/posts.json';
export const postApiPath = (slug: string) => `/api/posts/${slug}.json`;
export const tagsApiPath = () => '/api/tags.json';

// Open Graph cards.
const OG_ROOT = '/og/';
export const siteCardPath = () => `${OG_ROOT}site.png`;
export const postCardPath = (slug: string) => `${OG_ROOT}posts/${slug}.png`;

/** The icon files in public/, named by the manifest and the page head. */
export const ICON_PATHS = {
  svg: '/icon.svg', png192: '/icon-192.png', png512: '/icon-512.png', favicon: '/favicon.ico', appleTouch: '/apple-touch-icon.png',
} as const;

// Server mode only.
export const contactApiPath = () => '/api/contact';
export const subscribeApiPath = () => '/api/subscribe';
export const contentWebhookPath = () => '/api/webhooks/content';
export const healthPath = () => '/api/health';
export const adminSubmissionsPath = () => '/api/admin/submissions';
export const adminSubscribersPath = () => '/api/admin/subscribers';

const firstSegment = (sitePath: string) => sitePath.split('/')[1]!;

/**
 * First path segments a standalone page (`/<slug>/`) may not take, because the site's own routes
 * live there: derived from the paths above, plus the names Next.js and static hosts use.
 */
export const RESERVED_PAGE_SLUGS: ReadonlySet<string> = new Set([
  ...[
    homePath(2), postPath(DEFAULT_POST_PERMALINK, 'x', '2000-01-01'), tagsPath(), archivePath(), contactPath(), subscribePath(), postsApiPath(),
    siteCardPath(), sitemapChunkPath(1), securityTxtPath(), DEV_FILES_ROOT, llmsSectionPath('x'), llmsFullPartPath('x'), searchBundlePath(),
  ].map(firstSegment),
  // Next.js's own folders and files, and names kept for outputs to come.
  '_next', 'index', '404', 'feeds', 'search', 'icons',
]);

/** The folder beside the export that holds its server configs (nginx, Caddy, Vercel): `out` → `out-host`. */
export const hostConfigDir = (outDir: string) => `${outDir.replace(/\/+$/, '')}-host`;
