import type { Content } from '../../content';
import { MARKDOWN_NAMED_PATTERN, MARKDOWN_REFUSED_PATTERN } from '../../negotiate';
import { NOINDEX_HEADERS, type OutputRow } from '../registry';
import { withBase } from '../../urls';
import { apiCatalogLink, hostRules, IMMUTABLE, isExactPattern, NOSNIFF, patternRegex, unlistedFileRules } from './rules';

// A Caddyfile fragment for the site block that serves the export (`root` as for nginx). Caddy's
// regular expressions are RE2 (no lookahead), so the markdown choice is two matchers: text/markdown
// named, and not with q=0. Everything runs in one `route` so the negotiation's rewrite comes before
// the headers, which then follow the file actually served.

/** A double-quoted Caddyfile token: only `\"` is an escape there, backslashes stay as they are. */
/** A path no export has: what the twin maps give a URL that has none, so the file matcher fails. */
const NO_TWIN = '/.mdsite-no-twin';

const quote = (value: string) => `"${value.replace(/"/g, '\\"')}"`;

export function renderCaddyfile(content: Content, rows: OutputRow[]): string {
  const base = (path: string) => withBase(content.site, path);
  const common = { ...NOSNIFF, Link: apiCatalogLink(content) };
  const prefix = patternRegex(content.site.basePath).slice(1, -1);
  const pageRegex = `^(${prefix}/.+)/$`;
  const lines = [
    '# Written by npm run build from the output table (lib/outputs/registry.ts).',
    '# Import it inside the site block that serves the export; it ends with file_server:',
    '#   example.com {',
    `#       root * /srv/site${content.site.basePath ? `   # ${content.site.basePath} inside it holds the export` : '   # the export folder'}`,
    '#       import /path/to/this/Caddyfile',
    '#   }',
    'route {',
    // Caddy evaluates the matchers of one set in no fixed order, so a path_regexp capture cannot feed
    // a file matcher beside it; `map` computes the twin's path first. {path} is decoded (for the
    // file test and the rewrite), {uri} keeps the client's percent-encoding (for the Link header).
    '    map {path} {mdsite_twin} {',
    `        ${quote(`~${pageRegex}`)} "\${1}.md"`,
    `        ${base('/')} ${base('/index.md')}`,
    `        default ${NO_TWIN}`,
    '    }',
    '    map {uri} {mdsite_twin_url} {',
    `        ${quote(`~^(${prefix}/[^?]+)/(\\?.*)?$`)} "\${1}.md"`,
    `        ${quote(`~^${prefix}/(\\?.*)?$`)} ${base('/index.md')}`,
    `        default ${NO_TWIN}`,
    '    }',
    '    # Pages: HTML by default; the markdown twin when the Accept header asks for text/markdown.',
    '    @mdsite_markdown {',
    `        header_regexp Accept ${quote(`(?i)${MARKDOWN_NAMED_PATTERN}`)}`,
    `        not header_regexp Accept ${quote(`(?i)${MARKDOWN_REFUSED_PATTERN}`)}`,
    '        file {mdsite_twin}',
    '    }',
    '    rewrite @mdsite_markdown {mdsite_twin}',
    '',
    ...Object.entries(common).map(([name, value]) => `    header ${name} ${quote(value)}`),
    `    @mdsite_pages path */`,
    '    header @mdsite_pages Vary Accept',
    '    @mdsite_twinned file {mdsite_twin}',
    `    header @mdsite_twinned +Link ${quote('<{mdsite_twin_url}>; rel="alternate"; type="text/markdown"')}`,
    `    @mdsite_next path ${base('/_next/static/*')}`,
    `    header @mdsite_next Cache-Control ${quote(IMMUTABLE)}`,
    '',
  ];
  hostRules(content, rows).forEach((rule, i) => {
    const matcher = `@mdsite_row${i}`;
    lines.push(
      `    # ${rule.name}`,
      isExactPattern(rule.pattern) ? `    ${matcher} path ${rule.pattern}` : `    ${matcher} path_regexp ${quote(patternRegex(rule.pattern))}`,
      ...Object.entries({ 'Content-Type': rule.mediaType, ...rule.headers }).map(([name, value]) => `    header ${matcher} ${name} ${quote(value)}`),
    );
  });
  unlistedFileRules(content, rows).forEach((rule, i) => {
    const matcher = `@mdsite_unlisted${i}`;
    lines.push(`    # ${rule.name}`, `    ${matcher} path ${quote(rule.pattern)}`, ...Object.entries(NOINDEX_HEADERS).map(([name, value]) => `    header ${matcher} ${name} ${quote(value)}`));
  });
  lines.push('', '    file_server', '}', 'handle_errors {', `    rewrite * ${base('/404.html')}`, '    file_server', '}', '');
  return lines.join('\n');
}
