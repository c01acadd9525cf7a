import { findTag, type Content, type Entry, type PostEntry, type Tag } from '../content';
import { absoluteUrl, imageUrl } from '../urls';
import { absoluteHtml } from './absolute-links';
import { oneLine, xmlSafe } from './text';
import { feedArchivePath, feedPath, type FeedFormat, tagPath } from '../paths';

/** One feed entry, the same for RSS, Atom and JSON Feed. Every string is XML-safe, every URL absolute. */
export interface FeedItem {
  /** The permalink: guid, Atom id and JSON Feed id. */
  id: string;
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** Full HTML with absolute URLs. */
  html: string;
  published: Date;
  /** `updated`, or the publication date. */
  modified: Date;
  tags: { name: string; url: string }[];
  author: { name: string; email?: string; url?: string };
  image?: string;
}

/**
 * Where a feed document is and what it links to, for one format (RFC 5005). Paging runs from the
 * subscription feed (`first`) to older documents (`next`) down to archive 1 (`last`); archives also
 * chain with `prev-archive`/`next-archive` and point at the subscription feed as `current`.
 */
export interface FeedLinks {
  self: string;
  current: string;
  first?: string;
  last?: string;
  next?: string;
  previous?: string;
  prevArchive?: string;
  nextArchive?: string;
}

/** One feed document: the subscription feed of the site or one tag, or one of its archive pages. */
export interface FeedChannel {
  title: string;
  description: string;
  language: string;
  /** IANA zone whose UTC offset the dates are written in. */
  timeZone: string;
  homeUrl: string;
  links: Record<FeedFormat, FeedLinks>;
  /** True for an archive document (`fh:archive`): its set of items never changes. */
  archive: boolean;
  /** WebSub hub, on subscription feeds only. */
  hub?: string;
  author: { name: string; email?: string; url?: string };
  /** The newest item's modification: a feed changes when its content does, not at every build. */
  updated: Date;
  items: FeedItem[];
}

/** Absolute item HTML without the characters XML forbids; the renderers escape it as text. */
export function feedHtml(entry: Entry, pageUrl: string): string {
  return xmlSafe(absoluteHtml(entry.html, pageUrl));
}

// A post's item is the same in every feed it appears in (site, tags × RSS, Atom, JSON): build it once
// per loaded entry, since absolutizing its HTML parses it.
const itemCache = new WeakMap<Entry, { site: Content['site']; item: FeedItem }>();

export function feedItem(content: Content, post: PostEntry): FeedItem {
  const cached = itemCache.get(post);
  if (cached?.site === content.site) return cached.item;
  const item = buildFeedItem(content, post);
  itemCache.set(post, { site: content.site, item });
  return item;
}

function buildFeedItem(content: Content, post: PostEntry): FeedItem {
  const { site } = content;
  const url = absoluteUrl(site, post.path);
  return {
    id: url,
    url,
    title: oneLine(post.title),
    summary: oneLine(post.description),
    html: feedHtml(post, url),
    published: post.date.instant,
    modified: (post.updated ?? post.date).instant,
    tags: post.tags.map((tag) => ({ name: oneLine(tag.name), url: absoluteUrl(site, tagPath(tag.slug)) })),
    author: { ...post.author, name: oneLine(post.author.name) },
    ...(post.image ? { image: imageUrl(site, post.image) } : {}),
  };
}

/** The listed posts of the site feed or of one tag's feed, newest first. */
function feedPosts(content: Content, tag?: Tag): PostEntry[] {
  return tag ? (findTag(content, tag.slug)?.posts ?? []) : content.listedPosts;
}

/**
 * How many archive documents a feed has. Archives hold `feeds.items` posts each, counted from the
 * oldest post, so a new post never moves an archived one; an archive is published once a newer post
 * exists, so the subscription feed is never repeated as an archive and holds every post not archived.
 */
export function feedArchiveCount(content: Content, tag?: Tag): number {
  return archiveCountOf(feedPosts(content, tag).length, content.site.feeds.items);
}

/** How many archive documents a feed of `postCount` posts has, `perFeed` to a document. */
export const archiveCountOf = (postCount: number, perFeed: number) => Math.max(0, Math.floor((postCount - 1) / perFeed));

/** The posts of archive document `n` of a feed's posts (newest first), or of its subscription feed for 0. */
export const postsOfFeedDocument = <T>(posts: T[], n: number, perFeed: number): T[] =>
  n ? posts.slice(posts.length - n * perFeed, posts.length - (n - 1) * perFeed) : posts.slice(0, perFeed);

/** The site feed, or one tag's feed when `tag` is given: the newest `site.feeds.items` listed posts. */
export function feedChannel(content: Content, tag?: Tag): FeedChannel {
  return channel(content, tag, 0);
}

/** Archive document `n` (1 = the oldest posts) of the site feed or of one tag's feed. */
export function feedArchive(content: Content, n: number, tag?: Tag): FeedChannel {
  const count = feedArchiveCount(content, tag);
  if (!Number.isInteger(n) || n < 1 || n > count) throw new RangeError(`feed archive ${n} does not exist (there are ${count})`);
  return channel(content, tag, n);
}

/** `archive` 0 is the subscription feed. */
function channel(content: Content, tag: Tag | undefined, archive: number): FeedChannel {
  const { site } = content;
  const items = postsOfFeedDocument(feedPosts(content, tag), archive, site.feeds.items).map((post) => feedItem(content, post));
  const newest = Math.max(...items.map((i) => i.modified.getTime()));
  return {
    title: oneLine(tag ? `${site.title}: ${tag.name}` : site.title),
    description: oneLine(tag ? `Posts tagged “${tag.name}” on ${site.title}.` : site.description),
    language: site.language,
    timeZone: site.timeZone,
    homeUrl: absoluteUrl(site, tag ? tagPath(tag.slug) : '/'),
    links: {
      rss: feedLinks(content, 'rss', archive, tag),
      atom: feedLinks(content, 'atom', archive, tag),
      json: feedLinks(content, 'json', archive, tag),
    },
    archive: archive > 0,
    ...(!archive && site.feeds.websub.hub ? { hub: site.feeds.websub.hub } : {}),
    author: { ...site.author, name: oneLine(site.author.name) },
    // An empty feed has no content date; the build time is the only honest one.
    updated: items.length ? new Date(newest) : site.buildDate,
    items,
  };
}

function feedLinks(content: Content, format: FeedFormat, archive: number, tag?: Tag): FeedLinks {
  const count = feedArchiveCount(content, tag);
  const url = (n: number) => absoluteUrl(content.site, n ? feedArchivePath(format, n, tag?.slug) : feedPath(format, tag?.slug));
  const current = url(0);
  if (!count) return { self: current, current };
  if (!archive) return { self: current, current, first: current, last: url(1), next: url(count), prevArchive: url(count) };
  return {
    self: url(archive),
    current,
    first: current,
    last: url(1),
    previous: url(archive < count ? archive + 1 : 0),
    ...(archive > 1 ? { next: url(archive - 1), prevArchive: url(archive - 1) } : {}),
    ...(archive < count ? { nextArchive: url(archive + 1) } : {}),
  };
}
