import type { Content } from '../../content';
import { MARKDOWN_ACCEPT_PATTERN } from '../../negotiate';
import { NOINDEX_HEADERS, type OutputRow } from '../registry';
import { withBase } from '../../urls';
import { apiCatalogLink, hostRules, IMMUTABLE, markdownAlternateLink, NOSNIFF, twinnedPages, unlistedFileRules } from './rules';

// vercel.json for the export: headers per output row, and `rewrites` with a `has` condition on the
// Accept header that answer a page URL with its markdown twin. Vercel matches `source` with
// path-to-regexp, so a row's `[x]` becomes `:x([^/]+)` and `[...x]` `:x(.+)`.

const toPathToRegexp = (pattern: string) =>
  pattern
    .replace(/[()?+*]/g, '\\$&')
    .replace(/\[(\.\.\.)?(\w+)\]/g, (_, rest: string | undefined, name: string) => `:${name}(${rest ? '.+' : '[^/]+'})`);

/** One file's path as a path-to-regexp source that matches it alone. */
const exactPathToRegexp = (path: string) => path.replace(/[\\:*?+(){}[\]]/g, '\\$&');

const headerList = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

export function renderVercelJson(content: Content, rows: OutputRow[]): string {
  const base = (path: string) => withBase(content.site, path);
  const accept = [{ type: 'header', key: 'accept', value: MARKDOWN_ACCEPT_PATTERN }];
  const config = {
    $schema: 'https://openapi.vercel.sh/vercel.json',
    trailingSlash: true,
    headers: [
      { source: base('/(.*)'), headers: headerList({ ...NOSNIFF, Link: apiCatalogLink(content) }) },
      { source: base('/_next/static/(.*)'), headers: headerList({ 'Cache-Control': IMMUTABLE }) },
      ...hostRules(content, rows).map((rule) => ({
        source: toPathToRegexp(rule.pattern),
        headers: headerList({ 'Content-Type': rule.mediaType, ...rule.headers }),
      })),
      ...unlistedFileRules(content, rows).map((rule) => ({ source: exactPathToRegexp(rule.pattern), headers: headerList(NOINDEX_HEADERS) })),
      ...twinnedPages(content).map(([page, twin]) => ({
        source: base(page),
        // Vercel keeps the last rule's value of a header, so the page's Link repeats the catalog's.
        headers: headerList({ Vary: 'Accept', Link: `${markdownAlternateLink(base(twin))}, ${apiCatalogLink(content)}` }),
      })),
    ],
    rewrites: twinnedPages(content).map(([page, twin]) => ({ source: base(page), has: accept, destination: base(twin) })),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
