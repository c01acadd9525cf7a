import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { rfc3339Date, rfc822Date } from './feed-dates';
import type { FeedChannel, FeedLinks } from './feed-items';
import { escapeHtml } from './text';

// RSS 2.0, Atom 1.0 and JSON Feed 1.1 from one FeedChannel. The XML goes through xmlbuilder2, which
// escapes every text and attribute value: no CDATA sections, so no `]]>` in a title or a post can
// end one early. Forbidden characters are stripped from the model (feed-items.ts), and the output
// check parses every file strictly; xmlbuilder2's own `wellFormed` pass would double the render time.

const GENERATOR = 'mdsite';
const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  fh: 'http://purl.org/syndication/history/1.0',
};

/** The RFC 5005 relations of a document in writing order, then the WebSub hub. */
function relations(links: FeedLinks, channel: FeedChannel): [rel: string, href: string][] {
  const list: [string, string | undefined][] = [
    ['first', links.first],
    ['last', links.last],
    ['previous', links.previous],
    ['next', links.next],
    ['current', channel.archive ? links.current : undefined],
    ['prev-archive', links.prevArchive],
    ['next-archive', links.nextArchive],
    ['hub', channel.hub],
  ];
  return list.filter((pair): pair is [string, string] => pair[1] !== undefined);
}

const xmlDocument = () => create({ version: '1.0', encoding: 'utf-8' });
const serialize = (doc: XMLBuilder) => `${doc.end({ prettyPrint: true })}\n`;

/** RSS 2.0: full HTML in content:encoded, summary as HTML in description, RFC 822 dates in the site's offset. */
export function renderRss(channel: FeedChannel): string {
  const links = channel.links.rss;
  const date = (d: Date) => rfc822Date(d, channel.timeZone);
  const doc = xmlDocument();
  const rss = doc.ele('rss', {
    version: '2.0',
    'xmlns:atom': NS.atom,
    'xmlns:content': NS.content,
    'xmlns:dc': NS.dc,
    ...(channel.archive ? { 'xmlns:fh': NS.fh } : {}),
  });
  const ch = rss.ele('channel');
  ch.ele('title').txt(channel.title);
  ch.ele('link').txt(channel.homeUrl);
  ch.ele('description').txt(channel.description);
  ch.ele('language').txt(channel.language);
  ch.ele('lastBuildDate').txt(date(channel.updated));
  ch.ele('generator').txt(GENERATOR);
  ch.ele('atom:link', { href: links.self, rel: 'self', type: 'application/rss+xml' });
  for (const [rel, href] of relations(links, channel)) ch.ele('atom:link', { href, rel });
  if (channel.archive) ch.ele('fh:archive');
  for (const item of channel.items) {
    const it = ch.ele('item');
    it.ele('title').txt(item.title);
    it.ele('link').txt(item.url);
    it.ele('guid', { isPermaLink: 'true' }).txt(item.id);
    it.ele('pubDate').txt(date(item.published));
    // Readers render description as HTML, so the plain-text summary is escaped as HTML first.
    it.ele('description').txt(escapeHtml(item.summary));
    it.ele('content:encoded').txt(item.html);
    // RSS wants `email (name)` in <author>; without an email the name goes to dc:creator.
    if (item.author.email) it.ele('author').txt(`${item.author.email} (${item.author.name})`);
    else it.ele('dc:creator').txt(item.author.name);
    for (const tag of item.tags) it.ele('category', { domain: tag.url }).txt(tag.name);
  }
  return serialize(doc);
}

function atomPerson(parent: XMLBuilder, author: FeedChannel['author']) {
  const person = parent.ele('author');
  person.ele('name').txt(author.name);
  if (author.email) person.ele('email').txt(author.email);
  if (author.url) person.ele('uri').txt(author.url);
}

/** Atom 1.0 (RFC 4287), RFC 3339 dates in the site's offset. Archives keep the feed's id. */
export function renderAtom(channel: FeedChannel): string {
  const links = channel.links.atom;
  const date = (d: Date) => rfc3339Date(d, channel.timeZone);
  const doc = xmlDocument();
  const feed = doc.ele(NS.atom, 'feed', channel.archive ? { 'xmlns:fh': NS.fh } : {});
  feed.ele('id').txt(links.current);
  feed.ele('title').txt(channel.title);
  feed.ele('subtitle').txt(channel.description);
  feed.ele('updated').txt(date(channel.updated));
  feed.ele('generator').txt(GENERATOR);
  atomPerson(feed, channel.author);
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: channel.homeUrl });
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: links.self });
  for (const [rel, href] of relations(links, channel)) feed.ele('link', { rel, href });
  if (channel.archive) feed.ele(NS.fh, 'fh:archive');
  for (const item of channel.items) {
    const entry = feed.ele('entry');
    entry.ele('id').txt(item.id);
    entry.ele('title').txt(item.title);
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: item.url });
    entry.ele('published').txt(date(item.published));
    entry.ele('updated').txt(date(item.modified));
    atomPerson(entry, item.author);
    entry.ele('summary').txt(item.summary);
    entry.ele('content', { type: 'html' }).txt(item.html);
    for (const tag of item.tags) entry.ele('category', { term: tag.name, scheme: tag.url.replace(/[^/]+\/$/, '') });
  }
  return serialize(doc);
}

/** JSON Feed 1.1: `next_url` pages to older posts, `hubs` names the WebSub hub. */
export function renderJsonFeed(channel: FeedChannel): string {
  const links = channel.links.json;
  const date = (d: Date) => rfc3339Date(d, channel.timeZone);
  const person = (a: { name: string; url?: string }) => ({ name: a.name, ...(a.url ? { url: a.url } : {}) });
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: channel.title,
      home_page_url: channel.homeUrl,
      // The feed's identity: an archive page names the subscription feed it belongs to.
      feed_url: links.current,
      description: channel.description,
      language: channel.language,
      ...(links.next ? { next_url: links.next } : {}),
      ...(channel.hub ? { hubs: [{ type: 'WebSub', url: channel.hub }] } : {}),
      authors: [person(channel.author)],
      items: channel.items.map((item) => ({
        id: item.id,
        url: item.url,
        title: item.title,
        summary: item.summary,
        content_html: item.html,
        date_published: date(item.published),
        date_modified: date(item.modified),
        authors: [person(item.author)],
        tags: item.tags.map((t) => t.name),
        ...(item.image ? { image: item.image } : {}),
      })),
    },
    null,
    2,
  );
}
