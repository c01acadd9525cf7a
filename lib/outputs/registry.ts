import { perContent, type Content } from '../content';
import { renderPostDetail, renderPostsIndex, renderSearchIndex, renderTagsIndex } from './api';
import { feedChannel } from './feed-items';
import { renderAtom, renderJsonFeed, renderRss } from './feeds';
import { renderApiCatalog, API_CATALOG_MEDIA_TYPE } from './api-catalog';
import { listTwins } from './list-markdown';
import { llmsFiles, llmsFullFiles, renderMarkdownTwin } from './llms';
import { renderManifest } from './manifest';
import {
  apiCatalogPath, atprotoDidPath, feedPath, manifestPath, postApiPath, postsApiPath, robotsPath,
  searchIndexPath, securityTxtPath, sitemapChunkPath, sitemapPath, tagsApiPath, twinPath, webfingerPath, llmsPath, llmsFullPath, llmsSectionPath, llmsFullPartPath,
  type FeedFormat,
} from './paths';
import { renderRobotsTxt } from './robots';
import { renderSitemap, renderSitemapChunk, sitemapChunkCount } from './sitemap';
import { renderAtprotoDid, renderSecurityTxt, renderWebfinger, securityContacts } from './well-known';

/** One emitted file: its site path (without base path) and how to render it. */
export interface OutputFile {
  path: string;
  render(): string;
}

/** One row of the output table: a kind of file, its media type and the files it emits. */
export interface OutputFormat {
  name: string;
  /**
   * The site path of every file of the row, `[name]` standing for the characters of one path
   * segment and `[...name]` for one or more segments: host configs match requests with it.
   */
  pattern: string;
  /** What the host must send as Content-Type; static hosts learn it from `_headers` or their config. */
  mediaType: string;
  /** Cache-Control for the host. */
  cache: string;
  /** Every file of this kind for the content; an empty list means the output is off. */
  files(content: Content): OutputFile[];
  /** Answers cross-origin requests (feeds, JSON, webfinger). */
  cors?: boolean;
  /** The Vary header: `Accept` for the markdown twins, which also answer page URLs by negotiation. */
  vary?: string;
}

const HOUR = 'public, max-age=3600';
const DAY = 'public, max-age=86400';

const one = (path: string, render: () => string): OutputFile[] => [{ path, render }];

const feedFormat = (format: FeedFormat, render: typeof renderRss, mediaType: string): OutputFormat[] => [
  { name: `${format} feed`, pattern: feedPath(format), mediaType, cache: HOUR, cors: true, files: (c) => one(feedPath(format), () => render(feedChannel(c))) },
  {
    name: `${format} tag feeds`,
    pattern: feedPath(format, '[tag]'),
    mediaType,
    cache: HOUR,
    cors: true,
    files: (c) => c.tags.map(({ tag }) => ({ path: feedPath(format, tag.slug), render: () => render(feedChannel(c, tag)) })),
  },
];

/**
 * Every machine-readable file the site emits. Route handlers serve these rows (lib/outputs/route.ts),
 * the export's `_headers` file gives their media types to static hosts, and the output checker
 * (scripts/check-output.ts) expects each file in the export. Adding an output is one row and one
 * renderer.
 */
export const OUTPUTS: OutputFormat[] = [
  ...feedFormat('rss', renderRss, 'application/rss+xml; charset=utf-8'),
  ...feedFormat('atom', renderAtom, 'application/atom+xml; charset=utf-8'),
  ...feedFormat('json', renderJsonFeed, 'application/feed+json; charset=utf-8'),
  { name: 'llms.txt', pattern: llmsPath(), mediaType: 'text/plain; charset=utf-8', cache: HOUR, cors: true, files: (c) => llmsFiles(c).slice(0, 1) },
  { name: 'llms.txt sections', pattern: llmsSectionPath('[file]'), mediaType: 'text/plain; charset=utf-8', cache: HOUR, cors: true, files: (c) => llmsFiles(c).slice(1) },
  { name: 'llms-full.txt', pattern: llmsFullPath(), mediaType: 'text/plain; charset=utf-8', cache: HOUR, cors: true, files: (c) => llmsFullFiles(c).slice(0, 1) },
  { name: 'llms-full.txt parts', pattern: llmsFullPartPath('[file]'), mediaType: 'text/plain; charset=utf-8', cache: HOUR, cors: true, files: (c) => llmsFullFiles(c).slice(1) },
  {
    name: 'markdown twins',
    // Every page's twin: posts, standalone pages and the list pages (home and its pages, archive, tags).
    pattern: '/[...page].md',
    mediaType: 'text/markdown; charset=utf-8',
    cache: HOUR,
    cors: true,
    vary: 'Accept',
    files: (c) => [...[...c.posts, ...c.pages].map((e) => ({ path: twinPath(e), render: () => renderMarkdownTwin(c, e) })), ...listTwins(c)],
  },
  { name: 'sitemap', pattern: sitemapPath(), mediaType: 'application/xml; charset=utf-8', cache: HOUR, files: (c) => one(sitemapPath(), () => renderSitemap(c)) },
  {
    name: 'sitemap chunks',
    pattern: sitemapChunkPath('[n]'),
    mediaType: 'application/xml; charset=utf-8',
    cache: HOUR,
    files: (c) => Array.from({ length: sitemapChunkCount(c) }, (_, i) => ({ path: sitemapChunkPath(i + 1), render: () => renderSitemapChunk(c, i + 1) })),
  },
  { name: 'robots.txt', pattern: robotsPath(), mediaType: 'text/plain; charset=utf-8', cache: HOUR, files: (c) => one(robotsPath(), () => renderRobotsTxt(c.site)) },
  {
    name: 'security.txt',
    pattern: securityTxtPath(),
    mediaType: 'text/plain; charset=utf-8',
    cache: DAY,
    files: (c) => (securityContacts(c.site).length ? one(securityTxtPath(), () => renderSecurityTxt(c.site)) : []),
  },
  {
    name: 'atproto-did',
    pattern: atprotoDidPath(),
    mediaType: 'text/plain; charset=utf-8',
    cache: DAY,
    files: (c) => (c.site.identity.atprotoDid ? one(atprotoDidPath(), () => renderAtprotoDid(c.site)) : []),
  },
  {
    name: 'webfinger',
    pattern: webfingerPath(),
    mediaType: 'application/jrd+json',
    cache: DAY,
    cors: true,
    files: (c) => (c.site.identity.webfinger ? one(webfingerPath(), () => renderWebfinger(c.site)) : []),
  },
  {
    name: 'api-catalog',
    pattern: apiCatalogPath(),
    mediaType: API_CATALOG_MEDIA_TYPE,
    cache: HOUR,
    cors: true,
    files: (c) => one(apiCatalogPath(), () => renderApiCatalog(c, OUTPUTS)),
  },
  { name: 'posts API', pattern: postsApiPath(), mediaType: 'application/json; charset=utf-8', cache: HOUR, cors: true, files: (c) => one(postsApiPath(), () => renderPostsIndex(c)) },
  {
    name: 'post API',
    pattern: postApiPath('[slug]'),
    mediaType: 'application/json; charset=utf-8',
    cache: HOUR,
    cors: true,
    files: (c) => c.listedPosts.map((p) => ({ path: postApiPath(p.slug), render: () => renderPostDetail(c, p) })),
  },
  { name: 'tags API', pattern: tagsApiPath(), mediaType: 'application/json; charset=utf-8', cache: HOUR, cors: true, files: (c) => one(tagsApiPath(), () => renderTagsIndex(c)) },
  { name: 'search index', pattern: searchIndexPath(), mediaType: 'application/json; charset=utf-8', cache: HOUR, files: (c) => one(searchIndexPath(), () => renderSearchIndex(c)) },
  { name: 'web app manifest', pattern: manifestPath(), mediaType: 'application/manifest+json; charset=utf-8', cache: DAY, files: (c) => one(manifestPath(), () => renderManifest(c.site)) },
];

/** Every emitted file with its row, listed once per loaded content. */
export const outputFiles = perContent((content): { format: OutputFormat; file: OutputFile }[] =>
  OUTPUTS.flatMap((format) => format.files(content).map((file) => ({ format, file }))),
);

