import type { Content } from '../../content';
import { MARKDOWN_ACCEPT_PATTERN } from '../../negotiate';
import type { OutputRow } from '../registry';
import { withBase } from '../../urls';
import { apiCatalogLink, hostRules, IMMUTABLE, isExactPattern, NOSNIFF, patternRegex, unlistedFileRules, type HostRule } from './rules';

// An nginx include for the `server` block that serves the export: `root` is the folder that holds
// the export at the base path (the export itself when there is none). One location per output row
// sets its media type with `types {}` + `default_type` inside that location only (a `types` block
// in `server` would replace nginx's whole MIME map and serve HTML as text/plain), and page URLs
// answer with their markdown twin when the Accept header asks for text/markdown.

/** A double-quoted nginx string (nginx reads `\\` and `\"` in it as one character). */
const quote = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

const addHeaders = (headers: Record<string, string>) => Object.entries(headers).map(([name, value]) => `    add_header ${name} ${quote(value)};`);

function rowLocation(rule: HostRule, common: Record<string, string>): string[] {
  // A file name may hold spaces or characters nginx reads as syntax: such a path is quoted.
  const exact = /[\s;{}"'\\]/.test(rule.pattern) ? quote(rule.pattern) : rule.pattern;
  const match = isExactPattern(rule.pattern) ? `= ${exact}` : `~ ${quote(patternRegex(rule.pattern))}`;
  return [
    `# ${rule.name}`,
    `location ${match} {`,
    '    types { }',
    `    default_type ${quote(rule.mediaType)};`,
    ...addHeaders({ ...rule.headers, ...common }),
    '}',
  ];
}

export function renderNginxInclude(content: Content, rows: OutputRow[]): string {
  const base = (path: string) => withBase(content.site, path);
  const common = { ...NOSNIFF, Link: apiCatalogLink(content) };
  const root = base('/');
  // The base path as a regular expression (nothing for a site at the root).
  const prefix = patternRegex(content.site.basePath).slice(1, -1);
  return [
    '# Written by npm run build from the output table (lib/outputs/registry.ts).',
    '# Include it inside the server block that serves the export:',
    '#   server { root /srv/site; include /path/to/this/file; }',
    `# where /srv/site${content.site.basePath ? `${content.site.basePath} holds the export (its base path is ${content.site.basePath})` : ' is the export folder'}.`,
    '',
    ...hostRules(content, rows).flatMap((rule) => [...rowLocation(rule, common), '']),
    // An exact location wins over the row's pattern, so it repeats the row's headers (add_header in a
    // location replaces every inherited one).
    ...unlistedFileRules(content, rows).flatMap((rule) => [...rowLocation(rule, common), '']),
    "# Next.js's content-hashed assets",
    `location ^~ ${base('/_next/static/')} {`,
    '    charset utf-8;',
    '    charset_types text/css application/javascript text/plain;',
    ...addHeaders({ 'Cache-Control': IMMUTABLE, ...common }),
    '}',
    '',
    '# Pages: HTML by default; the markdown twin for a client whose Accept header asks for text/markdown.',
    `location ${root} {`,
    '    charset utf-8;',
    '    index index.html;',
    `    error_page 404 ${base('/404.html')};`,
    // $uri is decoded (for the file test and the rewrite); $request_uri keeps the client's
    // percent-encoding, which the Link header needs. After `index` has mapped /x/ to /x/index.html
    // these run again for that URI, whose answer then carries the headers. Named captures, because
    // nginx percent-escapes numbered ones ($1) and the file test would miss a non-ASCII path.
    '    set $mdsite_twin "";',
    `    if ($uri ~ ${quote(`^(?<mdsite_page>${prefix}/.+)/(index\\.html)?$`)}) { set $mdsite_twin "\${mdsite_page}.md"; }`,
    `    if ($uri ~ ${quote(`^${prefix}/(index\\.html)?$`)}) { set $mdsite_twin ${quote(base('/index.md'))}; }`,
    '    if (!-f $document_root$mdsite_twin) { set $mdsite_twin ""; }',
    '    set $mdsite_twin_url "";',
    `    if ($request_uri ~ ${quote(`^(?<mdsite_page_url>${prefix}/[^?]+)/(index\\.html)?(\\?.*)?$`)}) { set $mdsite_twin_url "\${mdsite_page_url}.md"; }`,
    `    if ($request_uri ~ ${quote(`^${prefix}/(index\\.html)?(\\?.*)?$`)}) { set $mdsite_twin_url ${quote(base('/index.md'))}; }`,
    '    set $mdsite_alternate "";',
    `    if ($mdsite_twin) { set $mdsite_alternate ${quote('<$mdsite_twin_url>; rel="alternate"; type="text/markdown"')}; }`,
    '    set $mdsite_markdown "";',
    `    if ($http_accept ~* ${quote(MARKDOWN_ACCEPT_PATTERN)}) { set $mdsite_markdown $mdsite_twin; }`,
    '    if ($mdsite_markdown) { rewrite ^ $mdsite_markdown last; }',
    '    add_header Vary Accept;',
    '    add_header Link $mdsite_alternate;',
    ...addHeaders(common),
    '}',
    '',
  ].join('\n');
}
