import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import jsonFeedSchema from 'jsonfeed-schema/schema-v1.1.json';
import { hasScheme } from '@/lib/links/url';
import type { FeedFormat } from '@/lib/paths';
import { absoluteUrl } from '@/lib/urls';
import { isAbsoluteUrl, type CheckContext } from './context';
import { scanHtml } from './html';
import { detached } from './memo';
import { checkWellFormed } from './xml';

const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UT|[+-]\d{4})$/;
export const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'link', 'category', 'author'].includes(name) });
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateJsonFeed = ajv.compile(jsonFeedSchema);

type Node = Record<string, unknown>;
const text = (value: unknown): string | undefined =>
  Array.isArray(value) ? text(value[0]) : typeof value === 'string' || typeof value === 'number' ? String(value) : typeof value === 'object' && value && '#text' in value ? String((value as Node)['#text']) : undefined;

/** The tree of a well-formed XML file, or undefined after reporting where it is not. */
export function parseXml(ctx: CheckContext, file: string, body: string): Node | undefined {
  return checkWellFormed(ctx, file, body) ? (xml.parse(body) as Node) : undefined;
}

/** Checks one item's permalink, id, date and HTML; `seen` catches duplicate ids. */
function checkItem(ctx: CheckContext, file: string, item: { id?: string; link?: string; date?: string; dateRule: RegExp; dateName: string; html?: string }, seen: Set<string>) {
  const source = item.link ? ctx.sourceOf(item.link) : undefined;
  const label = item.link ?? item.id ?? '(an item)';
  if (!isAbsoluteUrl(item.link)) ctx.report(file, `item ${label}: link is not an absolute URL`, source);
  if (!item.id) ctx.report(file, `item ${label}: has no id/guid`, source);
  else if (seen.has(item.id)) ctx.report(file, `item ${label}: id "${item.id}" is used twice`, source);
  else seen.add(item.id);
  if (!item.date || !item.dateRule.test(item.date) || Number.isNaN(new Date(item.date).getTime())) {
    ctx.report(file, `item ${label}: ${item.dateName} "${item.date ?? ''}" is not a valid date in the format the spec requires`, source);
  }
  if (item.html !== undefined) {
    const references = scanHtml(item.html).references;
    for (const ref of references.filter((r) => r && !hasScheme(r))) {
      ctx.report(file, `item ${label}: relative URL "${ref}" in the item HTML (feed readers need absolute URLs)`, source);
    }
    ctx.checkReferences(file, references, item.link ?? ctx.urlOf(file), source);
  }
}

/** What a feed document lists and links to: the paging check walks these. */
export interface FeedScan {
  items: string[];
  /** Link relation → absolute URL (`next`, `prev-archive`, `current`, `hub`, …); JSON Feed's `next_url` is `next`. */
  links: Record<string, string>;
  archive: boolean;
}

const EMPTY: FeedScan = { items: [], links: {}, archive: false };
const linkMap = (links: Node[]): Record<string, string> =>
  Object.fromEntries(links.filter((l) => typeof l['@href'] === 'string').map((l) => [String(l['@rel'] ?? 'alternate'), l['@href'] as string]));

function checkRss(ctx: CheckContext, file: string, body: string): FeedScan {
  const doc = parseXml(ctx, file, body);
  const rss = doc?.rss as Node | undefined;
  if (!doc) return EMPTY;
  if (!rss || rss['@version'] !== '2.0') return (ctx.report(file, 'has no <rss version="2.0"> root'), EMPTY);
  const channel = rss.channel as Node | undefined;
  if (!channel) return (ctx.report(file, 'has no <channel>'), EMPTY);
  for (const field of ['title', 'link', 'description']) if (text(channel[field]) === undefined) ctx.report(file, `channel has no <${field}>`);
  for (const prefix of new Set([...body.matchAll(/<([a-z]+):[a-zA-Z]+[\s>/]/g)].map((m) => m[1]!))) {
    if (!new RegExp(`xmlns:${prefix}="`).test(body)) ctx.report(file, `uses the "${prefix}:" namespace without declaring it`);
  }
  const links = linkMap([channel['atom:link'] ?? []].flat() as Node[]);
  if (links.self !== ctx.urlOf(file)) ctx.report(file, `needs <atom:link rel="self" href="${ctx.urlOf(file)}">`);
  const seen = new Set<string>();
  const items = (channel.item as Node[] | undefined) ?? [];
  for (const item of items) {
    const guid = item.guid as Node | string | undefined;
    const guidText = text(guid);
    const permalink = typeof guid === 'object' ? guid['@isPermaLink'] !== 'false' : true;
    if (guidText && permalink && !isAbsoluteUrl(guidText)) ctx.report(file, `guid "${guidText}" is a permalink but not an absolute URL`);
    checkItem(ctx, file, { id: guidText, link: text(item.link), date: text(item.pubDate), dateRule: RFC_822, dateName: 'pubDate', html: text(item['content:encoded']) }, seen);
  }
  return { items: items.map((item) => text(item.link) ?? ''), links, archive: 'fh:archive' in channel };
}

function checkAtom(ctx: CheckContext, file: string, body: string): FeedScan {
  const doc = parseXml(ctx, file, body);
  if (!doc) return EMPTY;
  const feed = doc.feed as Node | undefined;
  if (!feed || feed['@xmlns'] !== 'http://www.w3.org/2005/Atom') return (ctx.report(file, 'has no Atom <feed xmlns="http://www.w3.org/2005/Atom"> root'), EMPTY);
  for (const field of ['id', 'title', 'updated']) if (text(feed[field]) === undefined) ctx.report(file, `feed has no <${field}>`);
  if (!RFC_3339.test(text(feed.updated) ?? '')) ctx.report(file, `feed <updated> "${text(feed.updated)}" is not RFC 3339`);
  const links = linkMap((feed.link as Node[] | undefined) ?? []);
  if (links.self !== ctx.urlOf(file)) ctx.report(file, `needs <link rel="self" href="${ctx.urlOf(file)}">`);
  const entries = (feed.entry as Node[] | undefined) ?? [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const link = ((entry.link as Node[] | undefined) ?? []).find((l) => !l['@rel'] || l['@rel'] === 'alternate');
    const href = link?.['@href'] as string | undefined;
    if (!feed.author && !entry.author) ctx.report(file, `entry ${href}: has no author and the feed has none`, href && ctx.sourceOf(href));
    if (text(entry.title) === undefined) ctx.report(file, `entry ${href}: has no <title>`, href && ctx.sourceOf(href));
    const id = text(entry.id);
    if (id && !isAbsoluteUrl(id) && !/^(urn|tag):/.test(id)) ctx.report(file, `entry id "${id}" is not an absolute IRI`);
    checkItem(ctx, file, { id, link: href, date: text(entry.updated), dateRule: RFC_3339, dateName: 'updated', html: text(entry.content) }, seen);
  }
  return { items: entries.map((e) => (((e.link as Node[] | undefined) ?? [])[0]?.['@href'] as string) ?? ''), links, archive: 'fh:archive' in feed };
}

function checkJsonFeed(ctx: CheckContext, file: string, body: string): FeedScan {
  let feed: Node;
  try {
    feed = JSON.parse(body) as Node;
  } catch (error) {
    return (ctx.report(file, `is not valid JSON: ${(error as Error).message}`), EMPTY);
  }
  if (!validateJsonFeed(feed)) {
    for (const e of validateJsonFeed.errors ?? []) ctx.report(file, `JSON Feed schema: ${e.instancePath || '(root)'} ${e.message}`);
  }
  if (feed.version !== 'https://jsonfeed.org/version/1.1') ctx.report(file, `version is "${String(feed.version)}", not https://jsonfeed.org/version/1.1`);
  // An archive page names the subscription feed it belongs to.
  const feedUrl = ctx.urlOf(subscriptionFile(file));
  if (feed.feed_url !== feedUrl) ctx.report(file, `feed_url must be ${feedUrl}`);
  if (feed.next_url !== undefined && (!isAbsoluteUrl(feed.next_url) || feed.next_url === feed.feed_url)) ctx.report(file, `next_url "${String(feed.next_url)}" must be an absolute URL other than feed_url`);
  if (!isAbsoluteUrl(feed.home_page_url)) ctx.report(file, 'home_page_url is not an absolute URL');
  const items = (feed.items as Node[] | undefined) ?? [];
  const seen = new Set<string>();
  for (const item of items) {
    const url = item.url as string | undefined;
    if (!Array.isArray(item.authors) && !Array.isArray(feed.authors)) ctx.report(file, `item ${url}: has no authors`, url && ctx.sourceOf(url));
    for (const field of ['date_published', 'date_modified']) {
      if (item[field] !== undefined && !RFC_3339.test(String(item[field]))) ctx.report(file, `item ${url}: ${field} is not RFC 3339`, url && ctx.sourceOf(url));
    }
    checkItem(ctx, file, { id: typeof item.id === 'string' ? item.id : undefined, link: url, date: String(item.date_published ?? ''), dateRule: RFC_3339, dateName: 'date_published', html: item.content_html as string | undefined }, seen);
  }
  const links: Record<string, string> = typeof feed.next_url === 'string' ? { next: feed.next_url } : {};
  return { items: items.map((i) => String(i.url ?? '')), links, archive: file !== subscriptionFile(file) };
}

const CHECKERS: Record<FeedFormat, (ctx: CheckContext, file: string, body: string) => FeedScan> = { rss: checkRss, atom: checkAtom, json: checkJsonFeed };
const ARCHIVE = /^((?:tags\/[^/]+\/)?)feeds\/archive\/(\d+)\/([^/]+)$/;

/** The subscription feed an export file belongs to: itself, or the feed an archive document archives. */
export const subscriptionFile = (file: string) => file.replace(ARCHIVE, '$1$3');

// What each feed file lists and links to, per check run, for the paging walk at the end.
const scansOf = new WeakMap<CheckContext, Map<string, FeedScan>>();

/** Checks one feed file against its spec; returns the item links it lists. */
export function checkFeed(ctx: CheckContext, format: FeedFormat, file: string): string[] {
  const scan = detached(CHECKERS[format](ctx, file, ctx.read(file)));
  const isArchive = file !== subscriptionFile(file);
  if (format !== 'json' && scan.archive !== isArchive) ctx.report(file, isArchive ? 'is a feed archive without <fh:archive/>' : 'is a subscription feed marked <fh:archive/>');
  let scans = scansOf.get(ctx);
  if (!scans) scansOf.set(ctx, (scans = new Map()));
  scans.set(file, scan);
  return scan.items;
}

/**
 * RFC 5005: from each subscription feed, `next` links lead through its archive documents to every
 * post the feed covers (the site's listed posts, or a tag's), and `prev-archive` does the same
 * along the archive chain; each archive points back at its feed as `current`.
 */
export function checkFeedPaging(ctx: CheckContext): void {
  const { site } = ctx.content;
  const scans = scansOf.get(ctx) ?? new Map<string, FeedScan>();
  for (const [file, scan] of scans) {
    const subscription = subscriptionFile(file);
    if (file !== subscription) {
      if (scan.links.current !== undefined && scan.links.current !== ctx.urlOf(subscription)) ctx.report(file, `rel="current" must be ${ctx.urlOf(subscription)}`);
      continue;
    }
    const tagSlug = /^tags\/([^/]+)\//.exec(file)?.[1];
    const posts = tagSlug ? (ctx.content.tags.find((t) => t.tag.slug === tagSlug)?.posts ?? []) : ctx.content.listedPosts;
    const relations = file.endsWith('.json') ? ['next'] : ['next', 'prev-archive'];
    for (const rel of relations) {
      const seen = new Set(scan.items);
      const visited = new Set([file]);
      let href = scan.links[rel];
      while (href) {
        const target = ctx.resolve(href, ctx.urlOf(file));
        const next = !target.external && target.file ? scans.get(target.file) : undefined;
        if (!next || visited.has(target.external ? '' : target.file!)) {
          ctx.report(file, `rel="${rel}" chain reaches ${href}, which ${next ? 'was already visited (a loop)' : 'is no feed document in the export'}`);
          break;
        }
        visited.add((target as { file: string }).file);
        for (const item of next.items) seen.add(item);
        href = next.links[rel];
      }
      const missing = posts.map((p) => absoluteUrl(site, p.path)).filter((url) => !seen.has(url));
      if (missing.length) ctx.report(file, `following rel="${rel}" from here misses ${missing.length} post(s), e.g. ${missing.slice(0, 3).join(', ')}`);
    }
  }
}
