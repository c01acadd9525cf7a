// Site paths of the machine-readable outputs (without base path; see lib/urls.ts for pages).

export type FeedFormat = 'rss' | 'atom' | 'json';

const FEED_FILES: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

/** `/rss.xml`, or `/tags/<tag>/rss.xml` for one tag. */
export const feedPath = (format: FeedFormat, tagSlug?: string) =>
  tagSlug ? `/tags/${tagSlug}/${FEED_FILES[format]}` : `/${FEED_FILES[format]}`;
export const feedFile = (format: FeedFormat) => FEED_FILES[format];

/** The markdown twin of a post or page: its page URL without the slash, plus `.md`. */
export const twinPath = (entry: { path: string }) => `${entry.path.replace(/\/$/, '')}.md`;

export const llmsPath = () => '/llms.txt';
export const llmsFullPath = () => '/llms-full.txt';
export const sitemapPath = () => '/sitemap.xml';
export const sitemapChunkPath = (n: number) => `/sitemaps/${n}.xml`;
export const robotsPath = () => '/robots.txt';
export const securityTxtPath = () => '/.well-known/security.txt';
export const atprotoDidPath = () => '/.well-known/atproto-did';
export const webfingerPath = () => '/.well-known/webfinger';
export const postsApiPath = () => '/api/posts.json';
export const postApiPath = (slug: string) => `/api/posts/${slug}.json`;
export const tagsApiPath = () => '/api/tags.json';
/** Folder of the full-text search bundle Pagefind writes after the build (lib/search/pagefind.ts). */
export const searchBundlePath = () => '/pagefind/';
export const manifestPath = () => '/manifest.webmanifest';
