import type { Content, Entry, PostEntry, Tag } from '../content';
import { absoluteUrl, imageUrl } from '../urls';
import { absoluteHtml } from './absolute-links';
import { oneLine, xmlSafe } from './text';
import { feedPath, type FeedFormat, tagPath } from '../paths';

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

/** One feed: the whole site or one tag. */
export interface FeedChannel {
  title: string;
  description: string;
  language: string;
  homeUrl: string;
  urls: Record<FeedFormat, string>;
  author: { name: string; email?: string; url?: string };
  /** The newest item's modification: a feed changes when its content does, not at every build. */
  updated: Date;
  items: FeedItem[];
}

/** Absolute item HTML, XML-safe, with `]]>` written as `]]&gt;` (same HTML, never ends a CDATA section). */
export function feedHtml(entry: Entry, pageUrl: string): string {
  return xmlSafe(absoluteHtml(entry.html, pageUrl)).replaceAll(']]>', ']]&gt;');
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

/** The site feed, or one tag's feed when `tag` is given: the newest `site.feeds.items` listed posts. */
export function feedChannel(content: Content, tag?: Tag): FeedChannel {
  const { site } = content;
  const posts = tag ? (content.tags.find((t) => t.tag.slug === tag.slug)?.posts ?? []) : content.listedPosts;
  const items = posts.slice(0, site.feeds.items).map((post) => feedItem(content, post));
  const newest = Math.max(...items.map((i) => i.modified.getTime()));
  const url = (format: FeedFormat) => absoluteUrl(site, feedPath(format, tag?.slug));
  return {
    title: oneLine(tag ? `${site.title}: ${tag.name}` : site.title),
    description: oneLine(tag ? `Posts tagged “${tag.name}” on ${site.title}.` : site.description),
    language: site.language,
    homeUrl: absoluteUrl(site, tag ? tagPath(tag.slug) : '/'),
    urls: { rss: url('rss'), atom: url('atom'), json: url('json') },
    author: { ...site.author, name: oneLine(site.author.name) },
    // An empty feed has no content date; the build time is the only honest one.
    updated: items.length ? new Date(newest) : site.buildDate,
    items,
  };
}
