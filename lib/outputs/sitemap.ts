import { postsByYear, type Content, type Entry } from '../content';
import { machineDate, type ContentDate } from '../dates';
import { absoluteUrl } from '../urls';
import { escapeXml } from './text';
import { sitemapChunkPath, archivePath, tagPath, tagsPath } from '../paths';

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapUrl {
  loc: string;
  /** W3C datetime of the last content change; absent when nothing dates it. */
  lastmod?: string;
}

const modified = (e: Entry): ContentDate | undefined => e.updated ?? e.date;
const newest = (entries: Entry[]): ContentDate | undefined =>
  entries.map(modified).filter((d) => d !== undefined).sort((a, b) => b.instant.getTime() - a.instant.getTime())[0];

/**
 * Every public, listed, indexable URL, absolute and with the trailing slash the canonicals use.
 * `lastmod` comes from `updated` or `date` (lists take their newest post), never from the build.
 */
export function sitemapUrls(content: Content): SitemapUrl[] {
  const { site } = content;
  const lastmod = (date: ContentDate | undefined) => (date ? { lastmod: machineDate(date, site.timeZone) } : {});
  const newestPost = newest(content.listedPosts);
  const own = (e: Entry) => !e.canonical || e.canonical === absoluteUrl(site, e.path);
  return [
    { loc: absoluteUrl(site, '/'), ...lastmod(newestPost) },
    ...content.listedPosts.filter(own).map((p) => ({ loc: absoluteUrl(site, p.path), ...lastmod(modified(p)) })),
    ...content.listedPages.filter(own).map((p) => ({ loc: absoluteUrl(site, p.path), ...lastmod(modified(p)) })),
    { loc: absoluteUrl(site, archivePath()), ...lastmod(newestPost) },
    ...postsByYear(content).map(({ year, posts }) => ({ loc: absoluteUrl(site, archivePath(year)), ...lastmod(newest(posts)) })),
    { loc: absoluteUrl(site, tagsPath()), ...lastmod(newestPost) },
    ...content.tags.map(({ tag, posts }) => ({ loc: absoluteUrl(site, tagPath(tag.slug)), ...lastmod(newest(posts)) })),
  ];
}

const urlset = (urls: SitemapUrl[]) =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${NS}">`,
    ...urls.map((u) => `  <url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n');

/** How many chunk files the sitemap needs: 0 while every URL fits in /sitemap.xml. */
export function sitemapChunkCount(content: Content): number {
  const count = sitemapUrls(content).length;
  return count > content.site.sitemap.maxUrls ? Math.ceil(count / content.site.sitemap.maxUrls) : 0;
}

/** /sitemap.xml: a urlset, or past `sitemap.maxUrls` URLs an index of the chunks. */
export function renderSitemap(content: Content): string {
  const urls = sitemapUrls(content);
  const chunks = sitemapChunkCount(content);
  if (!chunks) return urlset(urls);
  const size = content.site.sitemap.maxUrls;
  const lastmodOf = (slice: SitemapUrl[]) =>
    slice.flatMap((u) => (u.lastmod ? [u.lastmod] : [])).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sitemapindex xmlns="${NS}">`,
    ...Array.from({ length: chunks }, (_, i) => {
      const last = lastmodOf(urls.slice(i * size, (i + 1) * size));
      return `  <sitemap><loc>${escapeXml(absoluteUrl(content.site, sitemapChunkPath(i + 1)))}</loc>${last ? `<lastmod>${last}</lastmod>` : ''}</sitemap>`;
    }),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** Chunk `n` (1-based) of a sitemap index. */
export function renderSitemapChunk(content: Content, n: number): string {
  const size = content.site.sitemap.maxUrls;
  return urlset(sitemapUrls(content).slice((n - 1) * size, n * size));
}
