import type { Content } from '../../content';
import { NOINDEX_HEADERS, type OutputRow } from '../registry';
import { withBase } from '../../urls';
import { apiCatalogLink, hostRules, IMMUTABLE, markdownAlternateLink, NOSNIFF, patternSplat, twinnedPages, unlistedFileRules } from './rules';

// `_headers` of Cloudflare Pages and Netlify, in the published folder (`_redirects` is
// lib/outputs/redirects.ts). One rule per
// output row, written with `:placeholder` and `*` patterns, so the file stays the same size however
// many posts and tags there are (Cloudflare Pages reads at most 100 rules). The patterns of the rows
// never overlap, because a header two rules set is sent with both values joined.

const block = (pattern: string, headers: Record<string, string>) => [pattern, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)];

export function renderHeadersFile(content: Content, rows: OutputRow[]): string {
  const base = (path: string) => withBase(content.site, path);
  return [
    '# Written by npm run build from the output table (lib/outputs/registry.ts): one rule per kind of file.',
    ...block(base('/*'), { ...NOSNIFF, Link: apiCatalogLink(content) }),
    ...block(base('/_next/static/*'), { 'Cache-Control': IMMUTABLE }),
    ...hostRules(content, rows).flatMap((rule) => block(patternSplat(rule.pattern), { 'Content-Type': rule.mediaType, ...rule.headers })),
    '# Each page names its markdown twin (hosts that fill placeholders into values; see README).',
    ...twinnedPages(content).flatMap(([page, twin]) => block(base(page), { Link: markdownAlternateLink(base(twin)) })),
    // Last, as their number grows with the unlisted entries: past Cloudflare's 100 rules these are dropped first.
    '# Files of unlisted posts and pages: the rule of their kind above, and noindex.',
    ...unlistedFileRules(content, rows).flatMap((rule) => block(rule.pattern, NOINDEX_HEADERS)),
    '',
  ].join('\n');
}
