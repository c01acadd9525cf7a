import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import jsonFeedSchema from 'jsonfeed-schema/schema-v1.1.json';
import { hasScheme } from '@/lib/links/url';
import { tagOfPath, type FeedFormat } from '@/lib/paths';
import { absoluteUrl } from '@/lib/urls';
import { isAbsoluteUrl, type CheckContext } from './context';
import { scanHtml } from './html';
import { byText } from './memo';
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

/**
 * What a feed document says, read from its text alone, so that it is kept by the text's hash
 * (memo.ts): an incremental build re-reads only the feeds that changed. Everything that needs the
 * export (its own URL, the files links point to) is checked from these facts in checkFeed.
 */
interface FeedFacts {
  /** Problems the text alone shows; `aboutItem` names the item link a problem is about (for its source file). */
  problems: { message: string; aboutItem?: string }[];
  /** Whether the root element is right; nothing further is checked when it is not. */
  rooted: boolean;
  /** The document's link to itself: RSS's atom:link and Atom's link rel="self", JSON Feed's feed_url. */
  self?: string;
  items: ItemFacts[];
  scan: FeedScan;
}

interface ItemFacts {
  id?: string;
  link?: string;
  date?: string;
  /** What the item's HTML links to, when it has HTML. */
  references?: string[];
}

/** What each format's items and self link must satisfy, and where its facts come from. */
interface FeedFormatRules {
  read: (body: string) => FeedFacts;
  dateRule: RegExp;
  dateName: string;
  /** The file whose URL the self link must name (JSON Feed archives name their subscription feed). */
  selfOf: (file: string) => string;
  selfProblem: (url: string) => string;
}

const itemFacts = (id: string | undefined, link: string | undefined, date: string | undefined, html: string | undefined): ItemFacts => ({
  id,
  link,
  date,
  ...(html !== undefined ? { references: scanHtml(html).references } : {}),
});

/** Checks one item's permalink, id, date and HTML; `seen` catches duplicate ids. */
function checkItem(ctx: CheckContext, file: string, item: ItemFacts, rules: FeedFormatRules, seen: Set<string>) {
  const source = item.link ? ctx.sourceOf(item.link) : undefined;
  const label = item.link ?? item.id ?? '(an item)';
  if (!isAbsoluteUrl(item.link)) ctx.report(file, `item ${label}: link is not an absolute URL`, source);
  if (!item.id) ctx.report(file, `item ${label}: has no id/guid`, source);
  else if (seen.has(item.id)) ctx.report(file, `item ${label}: id "${item.id}" is used twice`, source);
  else seen.add(item.id);
  if (!item.date || !rules.dateRule.test(item.date) || Number.isNaN(new Date(item.date).getTime())) {
    ctx.report(file, `item ${label}: ${rules.dateName} "${item.date ?? ''}" is not a valid date in the format the spec requires`, source);
  }
  if (item.references !== undefined) {
    for (const ref of item.references.filter((r) => r && !hasScheme(r))) {
      ctx.report(file, `item ${label}: relative URL "${ref}" in the item HTML (feed readers need absolute URLs)`, source);
    }
    ctx.checkReferences(file, item.references, item.link ?? ctx.urlOf(file), source);
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
const unrooted = (message: string): FeedFacts => ({ problems: [{ message }], rooted: false, items: [], scan: EMPTY });
const linkMap = (links: Node[]): Record<string, string> =>
  Object.fromEntries(links.filter((l) => typeof l['@href'] === 'string').map((l) => [String(l['@rel'] ?? 'alternate'), l['@href'] as string]));

/** RSS 2.0 facts of a well-formed document. */
function readRss(body: string): FeedFacts {
  const rss = (xml.parse(body) as Node).rss as Node | undefined;
  if (!rss || rss['@version'] !== '2.0') return unrooted('has no <rss version="2.0"> root');
  const channel = rss.channel as Node | undefined;
  if (!channel) return unrooted('has no <channel>');
  const problems: FeedFacts['problems'] = [];
  for (const field of ['title', 'link', 'description']) if (text(channel[field]) === undefined) problems.push({ message: `channel has no <${field}>` });
  for (const prefix of new Set([...body.matchAll(/<([a-z]+):[a-zA-Z]+[\s>/]/g)].map((m) => m[1]!))) {
    if (!new RegExp(`xmlns:${prefix}="`).test(body)) problems.push({ message: `uses the "${prefix}:" namespace without declaring it` });
  }
  const links = linkMap([channel['atom:link'] ?? []].flat() as Node[]);
  const items = (channel.item as Node[] | undefined) ?? [];
  return {
    problems,
    rooted: true,
    self: links.self,
    items: items.map((item) => {
      const guid = item.guid as Node | string | undefined;
      const guidText = text(guid);
      const permalink = typeof guid === 'object' ? guid['@isPermaLink'] !== 'false' : true;
      if (guidText && permalink && !isAbsoluteUrl(guidText)) problems.push({ message: `guid "${guidText}" is a permalink but not an absolute URL` });
      return itemFacts(guidText, text(item.link), text(item.pubDate), text(item['content:encoded']));
    }),
    scan: { items: items.map((item) => text(item.link) ?? ''), links, archive: 'fh:archive' in channel },
  };
}

/** Atom 1.0 facts of a well-formed document. */
function readAtom(body: string): FeedFacts {
  const feed = (xml.parse(body) as Node).feed as Node | undefined;
  if (!feed || feed['@xmlns'] !== 'http://www.w3.org/2005/Atom') return unrooted('has no Atom <feed xmlns="http://www.w3.org/2005/Atom"> root');
  const problems: FeedFacts['problems'] = [];
  for (const field of ['id', 'title', 'updated']) if (text(feed[field]) === undefined) problems.push({ message: `feed has no <${field}>` });
  if (!RFC_3339.test(text(feed.updated) ?? '')) problems.push({ message: `feed <updated> "${text(feed.updated)}" is not RFC 3339` });
  const links = linkMap((feed.link as Node[] | undefined) ?? []);
  const entries = (feed.entry as Node[] | undefined) ?? [];
  return {
    problems,
    rooted: true,
    self: links.self,
    items: entries.map((entry) => {
      const link = ((entry.link as Node[] | undefined) ?? []).find((l) => !l['@rel'] || l['@rel'] === 'alternate');
      const href = link?.['@href'] as string | undefined;
      if (!feed.author && !entry.author) problems.push({ message: `entry ${href}: has no author and the feed has none`, aboutItem: href });
      if (text(entry.title) === undefined) problems.push({ message: `entry ${href}: has no <title>`, aboutItem: href });
      const id = text(entry.id);
      if (id && !isAbsoluteUrl(id) && !/^(urn|tag):/.test(id)) problems.push({ message: `entry id "${id}" is not an absolute IRI` });
      return itemFacts(id, href, text(entry.updated), text(entry.content));
    }),
    scan: { items: entries.map((e) => (((e.link as Node[] | undefined) ?? [])[0]?.['@href'] as string) ?? ''), links, archive: 'fh:archive' in feed },
  };
}

/** JSON Feed 1.1 facts; the schema is checked here too. */
function readJsonFeed(body: string): FeedFacts {
  let feed: Node;
  try {
    feed = JSON.parse(body) as Node;
  } catch (error) {
    return unrooted(`is not valid JSON: ${(error as Error).message}`);
  }
  const problems: FeedFacts['problems'] = [];
  if (!validateJsonFeed(feed)) {
    for (const e of validateJsonFeed.errors ?? []) problems.push({ message: `JSON Feed schema: ${e.instancePath || '(root)'} ${e.message}` });
  }
  if (feed.version !== 'https://jsonfeed.org/version/1.1') problems.push({ message: `version is "${String(feed.version)}", not https://jsonfeed.org/version/1.1` });
  if (feed.next_url !== undefined && (!isAbsoluteUrl(feed.next_url) || feed.next_url === feed.feed_url)) problems.push({ message: `next_url "${String(feed.next_url)}" must be an absolute URL other than feed_url` });
  if (!isAbsoluteUrl(feed.home_page_url)) problems.push({ message: 'home_page_url is not an absolute URL' });
  const items = (feed.items as Node[] | undefined) ?? [];
  return {
    problems,
    rooted: true,
    self: typeof feed.feed_url === 'string' ? feed.feed_url : undefined,
    items: items.map((item) => {
      const url = item.url as string | undefined;
      if (!Array.isArray(item.authors) && !Array.isArray(feed.authors)) problems.push({ message: `item ${url}: has no authors`, aboutItem: url });
      for (const field of ['date_published', 'date_modified']) {
        if (item[field] !== undefined && !RFC_3339.test(String(item[field]))) problems.push({ message: `item ${url}: ${field} is not RFC 3339`, aboutItem: url });
      }
      return itemFacts(typeof item.id === 'string' ? item.id : undefined, url, String(item.date_published ?? ''), item.content_html as string | undefined);
    }),
    scan: { items: items.map((i) => String(i.url ?? '')), links: typeof feed.next_url === 'string' ? { next: feed.next_url } : {}, archive: false },
  };
}

const FORMATS: Record<FeedFormat, FeedFormatRules> = {
  rss: { read: byText('rss-facts', readRss), dateRule: RFC_822, dateName: 'pubDate', selfOf: (file) => file, selfProblem: (url) => `needs <atom:link rel="self" href="${url}">` },
  atom: { read: byText('atom-facts', readAtom), dateRule: RFC_3339, dateName: 'updated', selfOf: (file) => file, selfProblem: (url) => `needs <link rel="self" href="${url}">` },
  // An archive page names the subscription feed it belongs to.
  json: { read: byText('json-feed-facts', readJsonFeed), dateRule: RFC_3339, dateName: 'date_published', selfOf: (file) => subscriptionFile(file), selfProblem: (url) => `feed_url must be ${url}` },
};

const ARCHIVE = /^((?:tags\/[^/]+\/)?)feeds\/archive\/(\d+)\/([^/]+)$/;

/** The subscription feed an export file belongs to: itself, or the feed an archive document archives. */
export const subscriptionFile = (file: string) => file.replace(ARCHIVE, '$1$3');

// What each feed file lists and links to, per check run, for the paging walk at the end.
const scansOf = new WeakMap<CheckContext, Map<string, FeedScan>>();

/** Checks one feed file against its spec; returns the item links it lists. */
export function checkFeed(ctx: CheckContext, format: FeedFormat, file: string): string[] {
  const rules = FORMATS[format];
  const body = ctx.read(file);
  // XML that is not well-formed is reported where it breaks (xml.ts), and read no further.
  const facts = format === 'json' || checkWellFormed(ctx, file, body) ? rules.read(body) : undefined;
  for (const { message, aboutItem } of facts?.problems ?? []) ctx.report(file, message, aboutItem && ctx.sourceOf(aboutItem));
  const isArchive = file !== subscriptionFile(file);
  // JSON Feed has no archive marker: a document is an archive by its path.
  const scan = !facts ? EMPTY : format === 'json' && facts.rooted ? { ...facts.scan, archive: isArchive } : facts.scan;
  if (facts?.rooted) {
    const selfUrl = ctx.urlOf(rules.selfOf(file));
    if (facts.self !== selfUrl) ctx.report(file, rules.selfProblem(selfUrl));
    const seen = new Set<string>();
    for (const item of facts.items) checkItem(ctx, file, item, rules, seen);
    if (format !== 'json' && scan.archive !== isArchive) ctx.report(file, isArchive ? 'is a feed archive without <fh:archive/>' : 'is a subscription feed marked <fh:archive/>');
  }
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
    const tagSlug = tagOfPath(`/${file}`);
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
