import { createHash } from 'node:crypto';
import type { Content } from './content';
import { feedChannel } from './outputs/feed-items';
import { renderAtom, renderJsonFeed, renderRss } from './outputs/feeds';
import { feedPath, indexNowKeyPath, type FeedFormat } from './paths';
import { sitemapUrls } from './outputs/sitemap';
import { absoluteUrl } from './urls';

// After a deploy: tell the WebSub hub which subscription feeds changed, and IndexNow which pages
// changed. What was sent last time is kept in a small state file, so each run sends only changes.

/** What the last successful ping saw: page URL → lastmod, feed URL → hash of its body. */
export interface PingState {
  pages: Record<string, string>;
  feeds: Record<string, string>;
}

export interface PingPlan {
  /** Subscription feeds (site and tags, every format) whose body changed. */
  feeds: string[];
  /** Pages that are new, changed, or gone since the last ping. */
  pages: string[];
  /** The state to keep once every notification went through. */
  next: PingState;
}

const RENDERERS: Record<FeedFormat, typeof renderRss> = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The state of the content as it is now. */
export function pingState(content: Content): PingState {
  const feeds: Record<string, string> = {};
  for (const tag of [undefined, ...content.tags.map((t) => t.tag)]) {
    for (const format of ['rss', 'atom', 'json'] as const) {
      feeds[absoluteUrl(content.site, feedPath(format, tag?.slug))] = sha256(RENDERERS[format](feedChannel(content, tag)));
    }
  }
  const pages = Object.fromEntries(sitemapUrls(content).map((u) => [u.loc, u.lastmod ?? '']));
  return { pages, feeds };
}

/** What to send: everything without a previous state, otherwise what differs from it. */
export function planPing(content: Content, previous?: PingState): PingPlan {
  const next = pingState(content);
  const changed = (now: Record<string, string>, before: Record<string, string> | undefined) =>
    before ? [...new Set([...Object.keys(now), ...Object.keys(before)])].filter((url) => now[url] !== before[url]) : Object.keys(now);
  return {
    // A feed that is gone has no subscribers left to notify.
    feeds: changed(next.feeds, previous?.feeds).filter((url) => url in next.feeds),
    // A page that is gone is sent too, so search engines drop it.
    pages: changed(next.pages, previous?.pages),
    next,
  };
}

export interface PingResult {
  sent: string[];
  errors: string[];
}

/** IndexNow accepts up to 10,000 URLs per request. */
const INDEXNOW_BATCH = 10_000;

/** Sends the plan: one WebSub publish per feed, IndexNow in batches. Only configured services are called. */
export async function sendPing(content: Content, plan: PingPlan, fetchImpl: typeof fetch = fetch): Promise<PingResult> {
  const { site } = content;
  const result: PingResult = { sent: [], errors: [] };
  const call = async (what: string, url: string, init: RequestInit) => {
    try {
      const response = await fetchImpl(url, { ...init, method: 'POST', signal: AbortSignal.timeout(30_000) });
      if (response.ok) result.sent.push(`${what}: ${response.status}`);
      else result.errors.push(`${what}: ${url} answered ${response.status} ${(await response.text()).slice(0, 200)}`);
    } catch (error) {
      result.errors.push(`${what}: ${url} unreachable (${(error as Error).message})`);
    }
  };
  const hub = site.feeds.websub.hub;
  if (hub) {
    for (const feed of plan.feeds) {
      await call(`WebSub ${feed}`, hub, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feed }).toString(),
      });
    }
  }
  const key = site.indexNow.key;
  if (key && plan.pages.length) {
    for (let i = 0; i < plan.pages.length; i += INDEXNOW_BATCH) {
      const urlList = plan.pages.slice(i, i + INDEXNOW_BATCH);
      await call(`IndexNow ${urlList.length} URLs`, site.indexNow.endpoint, {
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ host: new URL(site.url).host, key, keyLocation: absoluteUrl(site, indexNowKeyPath(key)), urlList }),
      });
    }
  }
  return result;
}
