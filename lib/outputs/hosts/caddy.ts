import type { Content } from '../../content';
import { MARKDOWN_NAMED_PATTERN, MARKDOWN_REFUSED_PATTERN } from '../../negotiate';
import type { OutputFormat } from '../registry';
import { withBase } from '../../urls';
import { apiCatalogLink, hostRules, IMMUTABLE, isExactPattern, NOSNIFF, patternRegex } from './rules';

// A Caddyfile fragment for the site block that serves the export (`root` as for nginx). Caddy's
// regular expressions are RE2 (no lookahead), so the markdown choice is two matchers: text/markdown
// named, and not with q=0. Everything runs in one `route` so the negotiation's rewrite comes before
// the headers, which then follow the file actually served.

const quote = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

export function renderCaddyfile(content: Content, rows: OutputFormat[]): string {
  const base = (path: string) => withBase(content.site, path);
  const common = { ...NOSNIFF, Link: apiCatalogLink(content) };
  const pageRegex = `^(${patternRegex(base('/')).slice(1, -1)}.+)/$`;
  const lines = [
    '# Written by npm run build from the output table (lib/outputs/registry.ts).',
    '# Import it inside the site block that serves the export; it ends with file_server:',
    '#   example.com {',
    `#       root * /srv/site${content.site.basePath ? `   # ${content.site.basePath} inside it holds the export` : '   # the export folder'}`,
    '#       import /path/to/this/Caddyfile',
    '#   }',
    'route {',
    '    # Pages: HTML by default; the markdown twin when the Accept header asks for text/markdown.',
    '    @mdsite_markdown_home {',
    `        path ${base('/')}`,
    `        header_regexp Accept (?i)${MARKDOWN_NAMED_PATTERN}`,
    `        not header_regexp Accept (?i)${MARKDOWN_REFUSED_PATTERN}`,
    `        file ${base('/index.md')}`,
    '    }',
    `    rewrite @mdsite_markdown_home ${base('/index.md')}`,
    '    @mdsite_markdown {',
    `        path_regexp mdsite_page ${quote(pageRegex)}`,
    `        header_regexp Accept (?i)${MARKDOWN_NAMED_PATTERN}`,
    `        not header_regexp Accept (?i)${MARKDOWN_REFUSED_PATTERN}`,
    '        file {re.mdsite_page.1}.md',
    '    }',
    '    rewrite @mdsite_markdown {re.mdsite_page.1}.md',
    '',
    ...Object.entries(common).map(([name, value]) => `    header ${name} ${quote(value)}`),
    `    @mdsite_pages path */`,
    '    header @mdsite_pages Vary Accept',
    `    @mdsite_home_twin {`,
    `        path ${base('/')}`,
    `        file ${base('/index.md')}`,
    '    }',
    `    header @mdsite_home_twin +Link ${quote(`<${base('/index.md')}>; rel="alternate"; type="text/markdown"`)}`,
    '    @mdsite_twin {',
    `        path_regexp mdsite_twin ${quote(pageRegex)}`,
    '        file {re.mdsite_twin.1}.md',
    '    }',
    `    header @mdsite_twin +Link ${quote('<{re.mdsite_twin.1}.md>; rel="alternate"; type="text/markdown"')}`,
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
  lines.push('', '    file_server', '}', 'handle_errors {', `    rewrite * ${base('/404.html')}`, '    file_server', '}', '');
  return lines.join('\n');
}
