import { calendarYear } from '../dates';
import { getSite, type Site } from '../site';
import { CONTENT_CACHE_ENV, contentFingerprint, limitHeapGrowth, readContentCache } from './cache';
import { loadContent } from './load';
import { readDevRenderMemo, saveDevRenderMemo } from './render-memo';
import type { Entry, PostEntry, Tag } from './model';
import { isListed, isPublic } from './publication';
import { publishedPathSet, sitePathLookup } from './site-paths';

export type { Entry, PostEntry, PageEntry, DeclaredFields, Tag, TocItem, Asset, Author, Visibility } from './model';
export { ContentError } from './errors';
export { isListed, isPublic } from './publication';

/** The loaded content with the queries every page and output uses. */
export interface Content {
  site: Site;
  /** Every valid entry, hidden ones included (not rendered). */
  all: Entry[];
  /** Posts that are built (listed and unlisted), newest first. */
  posts: PostEntry[];
  /** Posts shown in lists, feeds, sitemaps and llms files, newest first. */
  listedPosts: PostEntry[];
  pages: Entry[];
  listedPages: Entry[];
  /** Tags of listed posts, by name, each with its listed posts. */
  tags: { tag: Tag; posts: PostEntry[] }[];
  /** Site path of a content file of a built entry (`posts/a.md`, `posts/b/pic.png`): how relative links resolve. */
  lookup(contentFile: string): string | undefined;
  /** Whether an entry's page, twin or co-located file is published at a site path. */
  isPublished(sitePath: string): boolean;
}

export function buildContent(site: Site, entries: Entry[]): Content {
  const newestFirst = (a: PostEntry, b: PostEntry) => b.date.instant.getTime() - a.date.instant.getTime() || a.slug.localeCompare(b.slug);
  const posts = entries.filter((e): e is PostEntry => e.kind === 'post' && isPublic(e)).sort(newestFirst);
  const listedPosts = posts.filter(isListed);
  const pages = entries.filter((e) => e.kind === 'page' && isPublic(e)).sort((a, b) => a.title.localeCompare(b.title));

  const tags = new Map<string, { tag: Tag; posts: PostEntry[] }>();
  for (const post of listedPosts) {
    for (const tag of post.tags) {
      const group = tags.get(tag.slug) ?? { tag, posts: [] };
      group.posts.push(post);
      tags.set(tag.slug, group);
    }
  }
  return {
    site,
    all: entries,
    posts,
    listedPosts,
    pages,
    listedPages: pages.filter(isListed),
    tags: [...tags.values()].sort((a, b) => a.tag.name.localeCompare(b.tag.name, site.language)),
    lookup: sitePathLookup([...posts, ...pages]),
    isPublished: publishedPathSet([...posts, ...pages]),
  };
}

// Content is loaded and rendered once per process and kept on globalThis, because each route's
// bundle gets its own copy of this module. In development the cache key follows file changes.
const CACHE = Symbol.for('mdsite.content');
type Cache = { key: string; content: Promise<Content> };
const store = globalThis as typeof globalThis & { [CACHE]?: Cache };

export function getContent(): Promise<Content> {
  const site = getSite();
  const key = site.isDevelopment ? contentFingerprint(site.contentRoot) : site.contentRoot;
  if (store[CACHE]?.key !== key) {
    const started = performance.now();
    // In `npm run build`'s workers the content arrives rendered (lib/content/cache.ts).
    const cacheFile = site.isDevelopment ? undefined : process.env[CONTENT_CACHE_ENV];
    const cached = cacheFile ? readContentCache(cacheFile, site) : undefined;
    if (cacheFile) limitHeapGrowth();
    const loaded = cached ? Promise.resolve(cached) : site.isDevelopment ? loadForDevelopment(site) : loadContent(site);
    const content = loaded.then((entries) => {
      // MDSITE_TRACE_CONTENT=1 shows how often content is loaded: once per build process.
      if (process.env.MDSITE_TRACE_CONTENT) {
        console.log(`[content] ${cached ? 'read from the build cache' : 'loaded'} ${entries.length} entries in ${Math.round(performance.now() - started)} ms (pid ${process.pid})`);
      }
      return buildContent(site, entries);
    });
    store[CACHE] = { key, content };
  }
  return store[CACHE].content;
}

/**
 * `next dev` starts from the renderings its other process or its last run saved, and saves what it
 * rendered after the page is answered (the keys carry the code's version: see render-memo.ts).
 */
async function loadForDevelopment(site: Site): Promise<Entry[]> {
  readDevRenderMemo();
  const entries = await loadContent(site);
  setImmediate(() => saveDevRenderMemo());
  return entries;
}

/**
 * Reads the content folder again and swaps the result in only when it is valid, so a running server
 * keeps serving the previous content when an edit breaks a file (the ContentError says which).
 */
export async function reloadContent(): Promise<Content> {
  // A running server's "now" moves on: posts scheduled before this reload become public with it.
  const site = process.env.BUILD_DATE ? getSite() : { ...getSite(), buildDate: new Date() };
  const content = buildContent(site, await loadContent(site));
  store[CACHE] = { key: site.isDevelopment ? contentFingerprint(site.contentRoot) : site.contentRoot, content: Promise.resolve(content) };
  return content;
}

/** Forgets the loaded content so the next getContent() reads the files again. */
export function invalidateContent(): void {
  delete store[CACHE];
}

/**
 * Memoizes a function of the loaded content. Route handlers run once per emitted file, and each one
 * asks for the whole list of files of its kind: computing that list once per loaded content keeps an
 * export linear in the number of posts. A reload makes a new Content, so nothing goes stale.
 */
export function perContent<T>(compute: (content: Content) => T): (content: Content) => T {
  const cache = new WeakMap<Content, T>();
  return (content) => {
    if (!cache.has(content)) cache.set(content, compute(content));
    return cache.get(content)!;
  };
}

// Queries used by pages. They take the Content so they stay pure and testable.

// Lookups by key, built once per content: a page per entry must not scan every entry.
const entriesByPath = perContent((c) => new Map([...c.posts, ...c.pages].map((e) => [e.path, e])));
const tagsBySlug = perContent((c) => new Map(c.tags.map((t) => [t.tag.slug, t])));
const listedIndex = perContent((c) => new Map(c.listedPosts.map((p, i) => [p, i])));

/** The built post or page published at a site path such as `/posts/hello/`. */
export const findEntry = (c: Content, sitePath: string) => entriesByPath(c).get(sitePath);
export const findTag = (c: Content, tagSlug: string) => tagsBySlug(c).get(tagSlug);

/** Older and newer neighbours among listed posts (an unlisted post has none). */
export function adjacentPosts(c: Content, post: Entry): { older?: PostEntry; newer?: PostEntry } {
  const index = post.kind === 'post' ? listedIndex(c).get(post) : undefined;
  if (index === undefined) return {};
  return { newer: c.listedPosts[index - 1], older: c.listedPosts[index + 1] };
}

/** How many list pages `posts` fill at the site's `postsPerPage` (at least one). */
export const listPageCount = (c: Content, posts: readonly unknown[]) => Math.max(1, Math.ceil(posts.length / c.site.postsPerPage));

/** The posts of list page `page` (from 1) of `posts`. */
export function onListPage<T>(c: Content, posts: T[], page: number): T[] {
  const size = c.site.postsPerPage;
  return posts.slice((page - 1) * size, page * size);
}

/** Pages of the home list. */
export const pageCount = (c: Content) => listPageCount(c, c.listedPosts);
export const postsOnPage = (c: Content, page: number) => onListPage(c, c.listedPosts, page);

/** Listed posts grouped by year in the site's time zone, newest year first (memoized: every year page asks). */
export const postsByYear = perContent((c: Content): { year: number; posts: PostEntry[] }[] => {
  const years = new Map<number, PostEntry[]>();
  for (const post of c.listedPosts) {
    const year = calendarYear(post.date.instant, c.site.timeZone);
    const posts = years.get(year);
    if (posts) posts.push(post);
    else years.set(year, [post]);
  }
  return [...years].map(([year, posts]) => ({ year, posts }));
});

/** One year of the archive with the years beside it (newer, older), or undefined when no listed post is from that year. */
export function archiveYear(c: Content, year: number): { year: number; posts: PostEntry[]; newer?: number; older?: number } | undefined {
  const years = postsByYear(c);
  const at = years.findIndex((group) => group.year === year);
  if (at < 0) return undefined;
  return { ...years[at]!, newer: years[at - 1]?.year, older: years[at + 1]?.year };
}

/**
 * Up to this many listed posts, `/archive/` lists them all under their years; past it, only the years
 * with their counts, each linking its own page (10,000 titles on one page would be megabytes).
 */
export const ARCHIVE_INLINE_POSTS = 500;
export const archiveListsEveryPost = (c: Content) => c.listedPosts.length <= ARCHIVE_INLINE_POSTS;
