import type { Content } from '../../content';
import { apiCatalogPath } from '../../paths';
import { fileHeaders, type OutputRow } from '../registry';
import { archivePath, tagsPath, twinOfPagePath } from '../../paths';
import { withBase } from '../../urls';

// What every host config says, derived from the output table: one rule per row (a path pattern
// with the row's media type, cache and CORS), so the number of rules does not grow with the content.

/** One row as a host rule: the request path pattern (with base path) and the headers to send. */
export interface HostRule {
  name: string;
  /** Site pattern of the row with the base path in front, `[x]` one segment's characters, `[...x]` one or more segments. */
  pattern: string;
  mediaType: string;
  /** Headers besides Content-Type. */
  headers: Record<string, string>;
}

/** Long caching for Next.js's content-hashed assets. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NOSNIFF = { 'X-Content-Type-Options': 'nosniff' };

/**
 * Every row with a pattern that emits at least one file for this content, as a host rule; rows
 * whose type every host infers from the extension need none. Rows that share a pattern (the
 * markdown twins) must share their headers too, and give one rule.
 */
export function hostRules(content: Content, rows: OutputRow[]): HostRule[] {
  const rules = new Map<string, HostRule>();
  for (const row of rows) {
    if (!row.pattern || row.typeFromExtension || row.files(content).length === 0) continue;
    const rule: HostRule = {
      name: row.name,
      pattern: withBase(content.site, row.pattern),
      mediaType: row.mediaType,
      headers: fileHeaders(row),
    };
    const same = rules.get(rule.pattern);
    if (same && JSON.stringify([same.mediaType, same.headers]) !== JSON.stringify([rule.mediaType, rule.headers])) {
      throw new Error(`Output rows "${same.name}" and "${rule.name}" share the pattern ${row.pattern} but not their headers: give one of them its own pattern.`);
    }
    if (!same) rules.set(rule.pattern, rule);
  }
  return [...rules.values()];
}

/**
 * One exact-path rule per file of an unlisted entry (twin, card, co-located files): its row's media
 * type and headers plus noindex. They are the only rules whose number grows with the content, and
 * only with unlisted entries.
 */
export function unlistedFileRules(content: Content, rows: OutputRow[]): HostRule[] {
  return rows.flatMap((row) =>
    row.route === undefined
      ? []
      : row.files(content).flatMap((file) =>
          file.entry?.visibility === 'unlisted'
            ? [{ name: `${row.name}, unlisted (${file.entry.file})`, pattern: withBase(content.site, file.path), mediaType: file.mediaType ?? row.mediaType, headers: fileHeaders(row, file) }]
            : [],
        ),
  );
}

/** `Link: </.well-known/api-catalog>; rel="api-catalog"` (RFC 9727), for every answer of the site. */
export const apiCatalogLink = (content: Content) => `<${withBase(content.site, apiCatalogPath())}>; rel="api-catalog"`;

/** `Link: <twin>; rel="alternate"; type="text/markdown"` for an HTML page whose twin is `twinUrl`. */
export const markdownAlternateLink = (twinUrl: string) => `<${twinUrl}>; rel="alternate"; type="text/markdown"`;

const PARAMETER = /\[(\.\.\.)?(\w+)\]/g;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when a pattern names a single file. */
export const isExactPattern = (pattern: string) => !pattern.includes('[');

/** The pattern as an anchored regular expression over the request path (PCRE and RE2 alike). */
export function patternRegex(pattern: string): string {
  let regex = '';
  let last = 0;
  for (const match of pattern.matchAll(PARAMETER)) {
    regex += escapeRegex(pattern.slice(last, match.index)) + (match[1] ? '.+' : '[^/]+');
    last = match.index + match[0].length;
  }
  return `^${regex}${escapeRegex(pattern.slice(last))}$`;
}

/** The pattern in the `_headers` syntax of Cloudflare Pages and Netlify: `:name` placeholders, a `*` splat. */
export const patternSplat = (pattern: string) => pattern.replace(PARAMETER, (_, rest: string | undefined, name: string) => (rest ? '*' : `:${name}`));

/**
 * The pages that have a markdown twin, as `:placeholder` patterns with their twin's pattern (site
 * paths, no base path). Standalone pages are named one by one, since `/:slug/` would also match
 * the pages that have none (the forms).
 */
export const twinnedPages = (content: Content): [page: string, twin: string][] => [
  ['/', twinOfPagePath('/')],
  // The permalink pattern (`/posts/:slug/`, `/:year/:month/:slug/`) is already in `:token` form.
  [content.site.permalinks.post, twinOfPagePath(content.site.permalinks.post)],
  ['/tags/:tag/', '/tags/:tag.md'],
  ['/page/:n/', '/page/:n.md'],
  ['/archive/:year/', '/archive/:year.md'],
  ...[archivePath(), tagsPath(), ...content.pages.map((p) => p.path)].map((page): [string, string] => [page, twinOfPagePath(page)]),
];
