import { Feed, type Item } from 'feed';
import type { FeedChannel, FeedItem } from './feed-items';
import { escapeHtml } from './text';

// RSS 2.0, Atom 1.0 and JSON Feed 1.1 from one FeedChannel, written by the `feed` package.

const GENERATOR = 'mdsite';

type Flavour = 'rss' | 'atom' | 'json';

function buildFeed(channel: FeedChannel, flavour: Flavour): Feed {
  const feed = new Feed({
    id: channel.urls[flavour],
    title: channel.title,
    description: channel.description,
    link: channel.homeUrl,
    language: channel.language,
    updated: channel.updated,
    generator: GENERATOR,
    feedLinks: channel.urls,
    author: { name: channel.author.name, ...(channel.author.email ? { email: channel.author.email } : {}), ...(channel.author.url ? { link: channel.author.url } : {}) },
  });
  for (const item of channel.items) feed.addItem(toFeedItem(item, flavour));
  return feed;
}

function toFeedItem(item: FeedItem, flavour: Flavour): Item {
  // Atom declares title and summary `type="html"` and RSS readers render description as HTML, so
  // plain text is escaped there; a title such as "Why <div>?" must not become an element.
  const asHtml = (text: string) => (flavour === 'json' ? text : escapeHtml(text));
  return {
    title: flavour === 'atom' ? escapeHtml(item.title) : item.title,
    link: item.url,
    date: item.modified,
    published: item.published,
    description: asHtml(item.summary),
    content: item.html,
    // RSS wants `email (name)` in <author>; without an email the name goes to dc:creator.
    ...(flavour !== 'rss' || item.author.email
      ? { author: [{ name: item.author.name, ...(item.author.email ? { email: item.author.email } : {}), ...(item.author.url ? { link: item.author.url } : {}) }] }
      : { extensions: [{ name: 'dc:creator', objects: { _text: item.author.name } }] }),
    // The feed package escapes only `&` and `"` in Atom attributes, so `<` is kept out of them.
    category: item.tags.map((tag) =>
      flavour === 'atom'
        ? { term: tag.name.replace(/</g, ''), scheme: tag.url.replace(/[^/]+\/$/, '') }
        : { name: tag.name, domain: tag.url },
    ),
  };
}

/** RSS 2.0: full HTML in content:encoded, summary in description, RFC 822 dates, permalink guids. */
export function renderRss(channel: FeedChannel): string {
  return buildFeed(channel, 'rss').rss2();
}

/** Atom 1.0 (RFC 4287). */
export function renderAtom(channel: FeedChannel): string {
  return buildFeed(channel, 'atom').atom1();
}

/** JSON Feed 1.1. The feed package writes the 1.0 shape; this upgrades it (`authors`, `language`). */
export function renderJsonFeed(channel: FeedChannel): string {
  const v1 = JSON.parse(buildFeed(channel, 'json').json1()) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const { items, ...feed } = v1;
  delete feed.author;
  const authorOf = (a: { name: string; url?: string }) => ({ name: a.name, ...(a.url ? { url: a.url } : {}) });
  return JSON.stringify(
    {
      ...feed,
      version: 'https://jsonfeed.org/version/1.1',
      language: channel.language,
      authors: [authorOf(channel.author)],
      items: items.map((v1Item, i) => {
        const item = channel.items[i]!;
        const rest = { ...v1Item };
        delete rest.author; // 1.1 replaces `author` with `authors`
        return {
          ...rest,
          id: item.id,
          summary: item.summary,
          ...(item.image ? { image: item.image } : {}),
          authors: [authorOf(item.author)],
        };
      }),
    },
    null,
    2,
  );
}
