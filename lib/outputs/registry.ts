import { perContent, type Content } from '../content';
import { renderPostDetail, renderPostsIndex, renderTagsIndex } from './api';
import { feedChannel } from './feed-items';
import { renderAtom, renderJsonFeed, renderRss } from './feeds';
import { renderLlmsFullTxt, renderLlmsTxt, renderMarkdownTwin } from './llms';
import { renderManifest } from './manifest';
import {
  atprotoDidPath, feedPath, llmsFullPath, llmsPath, manifestPath, postApiPath, postsApiPath, robotsPath,
  securityTxtPath, sitemapChunkPath, sitemapPath, tagsApiPath, twinPath, webfingerPath,
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
  /** What the host must send as Content-Type; static hosts learn it from `_headers` or their config. */
  mediaType: string;
  /** Cache-Control for the host. */
  cache: string;
  /** Every file of this kind for the content; an empty list means the output is off. */
  files(content: Content): OutputFile[];
  /** Answers cross-origin requests (feeds, JSON, webfinger). */
  cors?: boolean;
}

const HOUR = 'public, max-age=3600';
const DAY = 'public, max-age=86400';

const one = (path: string, render: () => string): OutputFile[] => [{ path, render }];

const feedFormat = (format: FeedFormat, render: typeof renderRss, mediaType: string): OutputFormat[] => [
  { name: `${format} feed`, mediaType, cache: HOUR, cors: true, files: (c) => one(feedPath(format), () => render(feedChannel(c))) },
  {
    name: `${format} tag feeds`,
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
  { name: 'llms.txt', mediaType: 'text/plain; charset=utf-8', cache: HOUR, files: (c) => one(llmsPath(), () => renderLlmsTxt(c)) },
  { name: 'llms-full.txt', mediaType: 'text/plain; charset=utf-8', cache: HOUR, files: (c) => one(llmsFullPath(), () => renderLlmsFullTxt(c)) },
  {
    name: 'markdown twins',
    mediaType: 'text/markdown; charset=utf-8',
    cache: HOUR,
    cors: true,
    files: (c) => [...c.posts, ...c.pages].map((e) => ({ path: twinPath(e), render: () => renderMarkdownTwin(c, e) })),
  },
  { name: 'sitemap', mediaType: 'application/xml; charset=utf-8', cache: HOUR, files: (c) => one(sitemapPath(), () => renderSitemap(c)) },
  {
    name: 'sitemap chunks',
    mediaType: 'application/xml; charset=utf-8',
    cache: HOUR,
    files: (c) => Array.from({ length: sitemapChunkCount(c) }, (_, i) => ({ path: sitemapChunkPath(i + 1), render: () => renderSitemapChunk(c, i + 1) })),
  },
  { name: 'robots.txt', mediaType: 'text/plain; charset=utf-8', cache: HOUR, files: (c) => one(robotsPath(), () => renderRobotsTxt(c.site)) },
  {
    name: 'security.txt',
    mediaType: 'text/plain; charset=utf-8',
    cache: DAY,
    files: (c) => (securityContacts(c.site).length ? one(securityTxtPath(), () => renderSecurityTxt(c.site)) : []),
  },
  {
    name: 'atproto-did',
    mediaType: 'text/plain; charset=utf-8',
    cache: DAY,
    files: (c) => (c.site.identity.atprotoDid ? one(atprotoDidPath(), () => renderAtprotoDid(c.site)) : []),
  },
  {
    name: 'webfinger',
    mediaType: 'application/jrd+json',
    cache: DAY,
    cors: true,
    files: (c) => (c.site.identity.webfinger ? one(webfingerPath(), () => renderWebfinger(c.site)) : []),
  },
  { name: 'posts API', mediaType: 'application/json; charset=utf-8', cache: HOUR, cors: true, files: (c) => one(postsApiPath(), () => renderPostsIndex(c)) },
  {
    name: 'post API',
    mediaType: 'application/json; charset=utf-8',
    cache: HOUR,
    cors: true,
    files: (c) => c.listedPosts.map((p) => ({ path: postApiPath(p.slug), render: () => renderPostDetail(c, p) })),
  },
  { name: 'tags API', mediaType: 'application/json; charset=utf-8', cache: HOUR, cors: true, files: (c) => one(tagsApiPath(), () => renderTagsIndex(c)) },
  { name: 'web app manifest', mediaType: 'application/manifest+json; charset=utf-8', cache: DAY, files: (c) => one(manifestPath(), () => renderManifest(c.site)) },
];

/** Every emitted file with its row, listed once per loaded content. */
export const outputFiles = perContent((content): { format: OutputFormat; file: OutputFile }[] =>
  OUTPUTS.flatMap((format) => format.files(content).map((file) => ({ format, file }))),
);

