// Every site path the site serves, without the base path: pages, machine-readable files, Open Graph
// cards, forms and the server API. Routes, renderers, endpoints, the output checker and the reserved
// page slugs all take their paths from here, so a URL changes in one place.
//
// With `trailingSlash: true` each page is `x/index.html`, so page paths end in "/" everywhere:
// links, canonicals, sitemap. Files keep their extension and no slash.

// Pages.
/** `/page/<n>/`: a numbered page of the post list; `/page/1/` exists, with the home page as canonical. */
export const listPagePath = (page: number) => `/page/${page}/`;
/** The home page, or the numbered page that continues it. */
export const homePath = (page = 1) => (page <= 1 ? '/' : listPagePath(page));
export const postPath = (slug: string) => `/posts/${slug}/`;
export const pagePath = (slug: string) => `/${slug}/`;
export const tagsPath = () => '/tags/';
export const tagPath = (tagSlug: string) => `/tags/${tagSlug}/`;
export const archivePath = () => '/archive/';
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

/** The markdown twin of a post or page: its page URL without the slash, plus `.md`. */
export const twinPath = (entry: { path: string }) => `${entry.path.replace(/\/$/, '')}.md`;
/**
 * Where `next dev` also answers a twin, as `<page>/index.md`: next.config.ts rewrites `<page>.md`
 * there in development, because the `[slug]` page route would otherwise take the request.
 */
export const devTwinPath = (entry: { path: string }) => `${entry.path}index.md`;
/** A file published beside a post or page: `/posts/hello/diagram.png`. */
export const assetPath = (entry: { path: string }, name: string) => `${entry.path}${name}`;

// Files for crawlers and agents.
export const llmsPath = () => '/llms.txt';
export const llmsFullPath = () => '/llms-full.txt';
export const sitemapPath = () => '/sitemap.xml';
export const sitemapChunkPath = (n: number) => `/sitemaps/${n}.xml`;
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
    homePath(2), postPath('x'), tagsPath(), archivePath(), contactPath(), subscribePath(), postsApiPath(),
    siteCardPath(), sitemapChunkPath(1), securityTxtPath(), searchBundlePath(),
  ].map(firstSegment),
  // Next.js's own folders and files, and names kept for outputs to come.
  '_next', 'index', '404', 'feeds', 'search', 'icons',
]);
