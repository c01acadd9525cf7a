import fs from 'node:fs/promises';
import { lookup as mimeLookup } from 'mrmime';
import { perContent, type Content, type Entry, type Tag } from '../content';
import { ogCards } from '../og/cards';
import { cardPng } from '../og/card-png';
import { openApiDocument } from '../openapi';
import {
  apiCatalogPath, assetPath, atprotoDidPath, feedArchivePath, feedPath, indexNowKeyPath, llmsFullPartPath, llmsFullPath,
  llmsPath, llmsSectionPath, manifestPath, openApiPath, postApiPath, postsApiPath, robotsPath,
  securityTxtPath, sitemapChunkPath, sitemapPath, tagsApiPath, twinPath, webfingerPath, type FeedFormat,
} from '../paths';
import { API_CATALOG_MEDIA_TYPE, renderApiCatalog } from './api-catalog';
import { renderPostDetail, renderPostsIndex, renderTagsIndex } from './api';
import { feedArchive, feedArchiveCount, feedChannel } from './feed-items';
import { renderAtom, renderJsonFeed, renderRss } from './feeds';
import { renderHeadersFile } from './hosts/static-headers';
import { listTwins } from './list-markdown';
import { llmsFiles, llmsFullFiles, renderMarkdownTwin } from './llms';
import { renderManifest } from './manifest';
import { redirectPagePath, redirects, renderRedirectPage, renderRedirectsFile } from './redirects';
import { renderRobotsTxt } from './robots';
import { renderSitemap, renderSitemapChunk, sitemapChunkCount } from './sitemap';
import { renderAtprotoDid, renderSecurityTxt, renderWebfinger, securityContacts } from './well-known';

/** One emitted file: its site path (without base path) and its body. */
export interface EmittedFile {
  path: string;
  body(): string | Uint8Array | Promise<string | Uint8Array>;
  /** The file's own media type, where the row's varies by file (co-located files). */
  mediaType?: string;
  /** The entry or tag the file belongs to: pages link their own alternates through it. */
  entry?: Entry;
  tag?: Tag;
}

/** What the output check (scripts/check) validates a row's files against. */
export type CheckName =
  | 'rss' | 'atom' | 'json-feed' | 'sitemap' | 'robots' | 'llms-txt' | 'markdown' | 'security-txt'
  | 'posts-api' | 'post-api' | 'tags-api' | 'manifest' | 'jrd' | 'redirect' | 'exists';

/** One row of the output table: a kind of file, how hosts serve it, and the files it emits. */
export interface OutputRow {
  name: string;
  /**
   * The app/ route file that serves the row (`/tags/[tag]/rss.xml` is `app/tags/[tag]/rss.xml/route.ts`),
   * or `undefined` for host files, which `npm run build` writes into the export and hosts read.
   */
  route: string | undefined;
  /**
   * The site path of every file of the row, `[name]` standing for the characters of one path segment
   * and `[...name]` for one or more segments: the host configs (`_headers`, nginx, Caddy, Vercel)
   * match requests with it. Rows without one get no host rule (host files, types from the extension).
   */
  pattern?: string;
  /** What the host must send as Content-Type; static hosts learn it from `_headers` or their config. */
  mediaType: string;
  /** Cache-Control for the host. */
  cache: string;
  /** Answers cross-origin requests (feeds, JSON, webfinger). */
  cors?: boolean;
  /** The Vary header: `Accept` for the markdown twins, which also answer page URLs by negotiation. */
  vary?: string;
  /** Every static host infers the media type from the extension: no `_headers` rule is needed. */
  typeFromExtension?: boolean;
  /**
   * Linked from pages with `<link rel="alternate">`, titled with `label`: a `site` row from every page,
   * a `tag` row from its tag's page, an `entry` row from its post or page.
   */
  alternate?: { scope: 'site' | 'tag' | 'entry'; label: string };
  checks: CheckName[];
  /** Every file of this kind for the content; an empty list means the output is off. */
  files(content: Content): EmittedFile[];
}

const HOUR = 'public, max-age=3600';
const DAY = 'public, max-age=86400';
const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

const one = (path: string, body: () => string): EmittedFile[] => [{ path, body }];

const FEED_ROWS: [FeedFormat, CheckName, string, string, typeof renderRss][] = [
  ['rss', 'rss', 'RSS', 'application/rss+xml; charset=utf-8', renderRss],
  ['atom', 'atom', 'Atom', 'application/atom+xml; charset=utf-8', renderAtom],
  ['json', 'json-feed', 'JSON Feed', 'application/feed+json; charset=utf-8', renderJsonFeed],
];

const feedRows = ([format, check, label, mediaType, render]: (typeof FEED_ROWS)[number]): OutputRow[] => [
  {
    name: `${label} feed`,
    route: feedPath(format),
    pattern: feedPath(format),
    mediaType,
    cache: HOUR,
    cors: true,
    alternate: { scope: 'site', label },
    checks: [check],
    files: (c) => one(feedPath(format), () => render(feedChannel(c))),
  },
  {
    name: `${label} tag feeds`,
    route: feedPath(format, '[tag]'),
    pattern: feedPath(format, '[tag]'),
    mediaType,
    cache: HOUR,
    cors: true,
    alternate: { scope: 'tag', label },
    checks: [check],
    files: (c) => c.tags.map(({ tag }) => ({ path: feedPath(format, tag.slug), tag, body: () => render(feedChannel(c, tag)) })),
  },
  // RFC 5005 archives of older posts; an archive's posts never change, so hosts may cache it longer.
  {
    name: `${label} feed archives`,
    route: feedArchivePath(format, '[page]'),
    pattern: feedArchivePath(format, '[page]'),
    mediaType,
    cache: DAY,
    cors: true,
    checks: [check],
    files: (c) => feedArchiveFiles(c, format, render),
  },
  {
    name: `${label} tag feed archives`,
    route: feedArchivePath(format, '[page]', '[tag]'),
    pattern: feedArchivePath(format, '[page]', '[tag]'),
    mediaType,
    cache: DAY,
    cors: true,
    checks: [check],
    files: (c) => c.tags.flatMap(({ tag }) => feedArchiveFiles(c, format, render, tag)),
  },
];

const feedArchiveFiles = (c: Content, format: FeedFormat, render: typeof renderRss, tag?: Tag): EmittedFile[] =>
  Array.from({ length: feedArchiveCount(c, tag) }, (_, i) => ({
    path: feedArchivePath(format, i + 1, tag?.slug),
    ...(tag ? { tag } : {}),
    body: () => render(feedArchive(c, i + 1, tag)),
  }));

/** Media type of a co-located file, by its extension; text types are UTF-8. */
export function assetMediaType(name: string): string {
  const type = mimeLookup(name) ?? 'application/octet-stream';
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

/** Built posts and pages, in the order the twins and co-located files are listed. */
const builtEntries = (c: Content) => [...c.posts, ...c.pages];
// Entry files live under their entry's URL, whatever the permalink pattern: one catch-all serves them.
// Root files named by content or config (the IndexNow key, sitemap chunks) too.
const ENTRY_FILES_ROUTE = '/[...file]';

/** What every markdown twin row shares: one pattern for all of them, and `Vary: Accept`. */
const TWIN = { pattern: '/[...page].md', mediaType: 'text/markdown; charset=utf-8', cache: HOUR, cors: true, vary: 'Accept' } as const;

/**
 * Every file the site emits besides its HTML pages (and the files of public/ and _next/, which are
 * copied as they are). Route files serve these rows through one factory (lib/outputs/route.ts); the
 * page head links their alternates (lib/seo.ts); `_headers` gives their media types to static hosts;
 * the output checker (scripts/check) expects each file in the export and runs the row's checks.
 * Adding an output is one row here, one renderer, and a route file calling `outputRoute`.
 */
export const OUTPUTS: OutputRow[] = [
  ...FEED_ROWS.flatMap(feedRows),
  // Past 50,000 characters llms.txt and llms-full.txt become indexes of section files (lib/outputs/llms.ts).
  { name: 'llms.txt', route: llmsPath(), pattern: llmsPath(), mediaType: TEXT, cache: HOUR, cors: true, checks: ['llms-txt'], files: (c) => llmsFiles(c).slice(0, 1) },
  { name: 'llms.txt sections', route: '/llms/[file]', pattern: llmsSectionPath('[file]'), mediaType: TEXT, cache: HOUR, cors: true, checks: ['llms-txt'], files: (c) => llmsFiles(c).slice(1) },
  { name: 'llms-full.txt', route: llmsFullPath(), pattern: llmsFullPath(), mediaType: TEXT, cache: HOUR, cors: true, checks: ['markdown'], files: (c) => llmsFullFiles(c).slice(0, 1) },
  { name: 'llms-full.txt parts', route: '/llms-full/[file]', pattern: llmsFullPartPath('[file]'), mediaType: TEXT, cache: HOUR, cors: true, checks: ['markdown'], files: (c) => llmsFullFiles(c).slice(1) },
  {
    name: 'markdown twins',
    route: ENTRY_FILES_ROUTE,
    ...TWIN,
    alternate: { scope: 'entry', label: 'markdown' },
    checks: ['markdown'],
    files: (c) => builtEntries(c).map((entry) => ({ path: twinPath(entry), entry, body: () => renderMarkdownTwin(c, entry) })),
  },
  {
    // Home and its numbered pages, archive, tag index and tag pages (a tag page links its own).
    name: 'list markdown twins',
    route: ENTRY_FILES_ROUTE,
    ...TWIN,
    alternate: { scope: 'tag', label: 'markdown' },
    checks: ['markdown'],
    files: listTwins,
  },
  { name: 'sitemap', route: sitemapPath(), pattern: sitemapPath(), mediaType: 'application/xml; charset=utf-8', cache: HOUR, checks: ['sitemap'], files: (c) => one(sitemapPath(), () => renderSitemap(c)) },
  {
    name: 'sitemap chunks',
    route: ENTRY_FILES_ROUTE,
    pattern: sitemapChunkPath('[n]'),
    mediaType: 'application/xml; charset=utf-8',
    cache: HOUR,
    // Validated through the index that names them.
    checks: ['exists'],
    files: (c) => Array.from({ length: sitemapChunkCount(c) }, (_, i) => ({ path: sitemapChunkPath(i + 1), body: () => renderSitemapChunk(c, i + 1) })),
  },
  { name: 'robots.txt', route: robotsPath(), pattern: robotsPath(), mediaType: TEXT, cache: HOUR, checks: ['robots'], files: (c) => one(robotsPath(), () => renderRobotsTxt(c.site)) },
  {
    name: 'security.txt',
    route: '/.well-known/[file]',
    pattern: securityTxtPath(),
    mediaType: TEXT,
    cache: DAY,
    checks: ['security-txt'],
    files: (c) => (securityContacts(c.site).length ? one(securityTxtPath(), () => renderSecurityTxt(c.site)) : []),
  },
  {
    name: 'atproto-did',
    route: '/.well-known/[file]',
    pattern: atprotoDidPath(),
    mediaType: TEXT,
    cache: DAY,
    checks: ['exists'],
    files: (c) => (c.site.identity.atprotoDid ? one(atprotoDidPath(), () => renderAtprotoDid(c.site)) : []),
  },
  {
    name: 'webfinger',
    route: '/.well-known/[file]',
    pattern: webfingerPath(),
    mediaType: 'application/jrd+json',
    cache: DAY,
    cors: true,
    checks: ['jrd'],
    files: (c) => (c.site.identity.webfinger ? one(webfingerPath(), () => renderWebfinger(c.site)) : []),
  },
  {
    name: 'api-catalog',
    route: '/.well-known/[file]',
    pattern: apiCatalogPath(),
    mediaType: API_CATALOG_MEDIA_TYPE,
    cache: HOUR,
    cors: true,
    checks: ['exists'],
    files: (c) => one(apiCatalogPath(), () => renderApiCatalog(c, OUTPUTS)),
  },
  { name: 'posts API', route: postsApiPath(), pattern: postsApiPath(), mediaType: JSON_TYPE, cache: HOUR, cors: true, checks: ['posts-api'], files: (c) => one(postsApiPath(), () => renderPostsIndex(c)) },
  {
    name: 'post API',
    route: '/api/posts/[file]',
    pattern: postApiPath('[slug]'),
    mediaType: JSON_TYPE,
    cache: HOUR,
    cors: true,
    checks: ['post-api'],
    files: (c) => c.listedPosts.map((entry) => ({ path: postApiPath(entry.slug), entry, body: () => renderPostDetail(c, entry) })),
  },
  { name: 'tags API', route: tagsApiPath(), pattern: tagsApiPath(), mediaType: JSON_TYPE, cache: HOUR, cors: true, checks: ['tags-api'], files: (c) => one(tagsApiPath(), () => renderTagsIndex(c)) },
  { name: 'web app manifest', route: manifestPath(), pattern: manifestPath(), mediaType: 'application/manifest+json; charset=utf-8', cache: DAY, checks: ['manifest'], files: (c) => one(manifestPath(), () => renderManifest(c.site)) },
  {
    name: 'OpenAPI description',
    route: openApiPath(),
    mediaType: 'application/json',
    cache: HOUR,
    typeFromExtension: true,
    checks: ['exists'],
    files: (c) => one(openApiPath(), () => JSON.stringify(openApiDocument(c.site))),
  },
  {
    name: 'Open Graph cards',
    route: '/og/[...card]',
    mediaType: 'image/png',
    cache: DAY,
    typeFromExtension: true,
    checks: ['exists'],
    files: (c) => ogCards(c).map((card) => ({ path: card.path, ...(card.entry ? { entry: card.entry } : {}), body: () => cardPng(card.data) })),
  },
  {
    // Its name comes from the config, so the root catch-all route serves it.
    name: 'IndexNow key',
    route: ENTRY_FILES_ROUTE,
    mediaType: TEXT,
    cache: DAY,
    // Its name varies with the config, so no host pattern: every host serves .txt as text/plain.
    typeFromExtension: true,
    checks: ['exists'],
    files: (c) => {
      const key = c.site.indexNow.key;
      return key ? one(indexNowKeyPath(key), () => key) : [];
    },
  },
  {
    // Files published beside their post or page (`content/posts/hello/diagram.png` → `/posts/hello/diagram.png`).
    name: 'co-located files',
    route: ENTRY_FILES_ROUTE,
    mediaType: 'application/octet-stream',
    cache: HOUR,
    typeFromExtension: true,
    checks: ['exists'],
    files: (c) =>
      builtEntries(c).flatMap((entry) =>
        entry.assets.map((asset) => ({
          path: assetPath(entry, asset.name),
          mediaType: assetMediaType(asset.name),
          entry,
          body: async () => new Uint8Array(await fs.readFile(asset.source)),
        })),
      ),
  },
  {
    // Written by the build at each old path; server mode answers the same paths with 308 (proxy.server.ts).
    name: 'redirect pages',
    route: undefined,
    mediaType: 'text/html; charset=utf-8',
    cache: HOUR,
    checks: ['redirect'],
    files: (c) => redirects(c).map((r) => ({ path: redirectPagePath(r.from), body: () => renderRedirectPage(c, r) })),
  },
  // Read by the host, not served: Netlify and Cloudflare Pages take headers from `_headers` and
  // redirects from `_redirects`, and `.nojekyll` keeps GitHub Pages from dropping `_next/`.
  { name: '_redirects', route: undefined, mediaType: TEXT, cache: HOUR, checks: ['exists'], files: (c) => one('/_redirects', () => renderRedirectsFile(c)) },
  { name: '_headers', route: undefined, mediaType: TEXT, cache: HOUR, checks: ['exists'], files: (c) => one('/_headers', () => renderHeadersFile(c, OUTPUTS)) },
  { name: '.nojekyll', route: undefined, mediaType: TEXT, cache: HOUR, checks: ['exists'], files: () => one('/.nojekyll', () => '') },
];

export interface OutputFile {
  row: OutputRow;
  file: EmittedFile;
}

/**
 * Keeps a file out of search indexes. An unlisted entry's page says so in a meta tag; its other files
 * (markdown twin, card, co-located files) can only say it in this header.
 */
export const NOINDEX_HEADERS = { 'X-Robots-Tag': 'noindex' };

/** The headers a file is served with besides Content-Type: its row's caching, CORS and Vary, and noindex for an unlisted entry's file. */
export function fileHeaders(row: OutputRow, file?: EmittedFile): Record<string, string> {
  return {
    'Cache-Control': row.cache,
    ...(row.cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
    ...(row.vary ? { Vary: row.vary } : {}),
    ...(file?.entry?.visibility === 'unlisted' ? NOINDEX_HEADERS : {}),
  };
}

/** Every emitted file with its row, listed once per loaded content. */
export const outputFiles = perContent((content): OutputFile[] =>
  OUTPUTS.flatMap((row) => row.files(content).map((file) => ({ row, file }))),
);

/** Every emitted file by its site path, for route handlers that answer one path each. */
export const outputFileByPath = perContent((content) => new Map(outputFiles(content).map((f) => [f.file.path, f])));

/**
 * Site paths that two outputs would both write, the second replacing the first: for example an
 * IndexNow key named like a root file (`llms-full` → /llms-full.txt). One line per path, naming both.
 */
export function pathClashes(content: Content): string[] {
  const claims = new Map<string, string[]>();
  for (const { row, file } of outputFiles(content)) {
    const what = `${row.name}${file.entry ? ` (${file.entry.file})` : ''}`;
    const known = claims.get(file.path);
    if (known) known.push(what);
    else claims.set(file.path, [what]);
  }
  return [...claims].filter(([, what]) => what.length > 1).map(([sitePath, what]) => `${sitePath} would be written by ${what.join(' and by ')}`);
}

/** The emitted files that belong to each entry and tag: a page's own alternates, and what an edit touches. */
export const outputFilesByOwner = perContent((content) => {
  const owned = new Map<Entry | Tag, OutputFile[]>();
  for (const output of outputFiles(content)) {
    const owner = output.file.entry ?? output.file.tag;
    if (owner) owned.set(owner, [...(owned.get(owner) ?? []), output]);
  }
  return owned;
});

/** The files `npm run build` writes into the export itself: rows without a route. */
export const hostFiles = (content: Content) => outputFiles(content).filter(({ row }) => row.route === undefined);
