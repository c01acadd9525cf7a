import { perContent, type Content } from '../content';
import { calendarDay } from '../dates';
import { postPath } from '../paths';
import { absoluteUrl, withBase } from '../urls';
import { escapeXml } from './text';

// Old URLs kept alive: site-wide `redirects`, and the posts' URLs under earlier permalink patterns
// (`permalinks.keep`). The export writes a small redirect page at each old path and a `_redirects`
// file (Netlify, Cloudflare Pages); server mode answers them with 308 (proxy.server.ts).

export interface Redirect {
  /** Site path without base path, e.g. `/posts/hello/`. */
  from: string;
  /** A site path or an absolute URL. */
  to: string;
  /** What asked for it, for error messages: `site.config.ts` or a content file. */
  source: string;
}

/** Every redirect of the site, one per old path (the first one named wins), never from a path that is published. */
export const redirects = perContent((content): Redirect[] => {
  const { site } = content;
  const list: Redirect[] = site.redirects.map((r) => ({ ...r, source: 'site.config.ts' }));
  for (const entry of [...content.posts, ...content.pages]) {
    // Hugo's aliases and Jekyll's redirect_from, and a permalink written as a file (`/about.html`).
    const written = entry.permalink && entry.permalink !== entry.path ? [entry.permalink] : [];
    for (const from of [...entry.aliases, ...written]) list.push({ from, to: entry.path, source: entry.file });
  }
  for (const pattern of site.permalinks.keep) {
    for (const post of content.posts) {
      list.push({ from: postPath(pattern, post.urlSlug ?? post.slug, calendarDay(post.date.instant, site.timeZone)), to: post.path, source: post.file });
    }
  }
  const published = new Set([...content.posts, ...content.pages].map((e) => e.path));
  const seen = new Set<string>();
  return list.filter((r) => r.from !== r.to && !published.has(r.from) && !seen.has(r.from) && seen.add(r.from));
});

/**
 * Site-wide redirects that can never fire because a post or page is published at their `from`
 * (the page wins): a config mistake the build reports instead of dropping the redirect silently.
 */
export function shadowedRedirects(content: Content): string[] {
  const published = new Map([...content.posts, ...content.pages].map((e) => [e.path, e.file]));
  return content.site.redirects
    .filter((r) => published.has(r.from))
    .map((r) => `redirects: "${r.from}" → "${r.to}" never applies, because ${published.get(r.from)} is published at ${r.from}; remove the redirect or move the page`);
}

/** The site path (or URL) a redirect lands on, map for server-side lookups. */
export const redirectTargets = perContent((content) => new Map(redirects(content).map((r) => [r.from, r.to])));

const targetUrl = (content: Content, to: string) => (to.startsWith('/') ? absoluteUrl(content.site, to) : to);

/** The file a redirect page is written to: `/old/` → `/old/index.html`. */
export const redirectPagePath = (from: string) => (from.endsWith('/') ? `${from}index.html` : from);

/** A page that sends browsers and crawlers on: meta refresh, canonical to the target, noindex, and a link for people. */
export function renderRedirectPage(content: Content, redirect: Redirect): string {
  const url = escapeXml(targetUrl(content, redirect.to));
  return [
    '<!doctype html>',
    `<html lang="${escapeXml(content.site.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<title>Moved</title>',
    `<link rel="canonical" href="${url}">`,
    '<meta name="robots" content="noindex">',
    `<meta http-equiv="refresh" content="0; url=${url}">`,
    '</head>',
    `<body><p>This page has moved to <a href="${url}">${url}</a>.</p></body>`,
    '</html>',
    '',
  ].join('\n');
}

/** The `_redirects` file of Netlify and Cloudflare Pages: one permanent redirect a line. */
export function renderRedirectsFile(content: Content): string {
  const { site } = content;
  return [
    '# Written by npm run build from lib/outputs/redirects.ts.',
    ...redirects(content).map((r) => `${withBase(site, r.from)} ${r.to.startsWith('/') ? withBase(site, r.to) : r.to} 301`),
    '',
  ].join('\n');
}
