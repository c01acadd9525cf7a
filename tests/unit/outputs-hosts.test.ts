import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '@/lib/content';
import { hostConfigs } from '@/lib/outputs/host-files';
import { renderCaddyfile } from '@/lib/outputs/hosts/caddy';
import { renderNginxInclude } from '@/lib/outputs/hosts/nginx';
import { patternRegex, patternSplat, unlistedFileRules } from '@/lib/outputs/hosts/rules';
import { renderHeadersFile } from '@/lib/outputs/hosts/static-headers';
import { renderVercelJson } from '@/lib/outputs/hosts/vercel';
import { OUTPUTS, outputFiles } from '@/lib/outputs/registry';
import { outputResponse } from '@/lib/outputs/route';
import { hostileContent } from '../helpers/hostile-content';
import { syntheticContent } from '../helpers/synthetic-content';

let content: Content;
beforeAll(async () => {
  content = await hostileContent();
}, 60_000);

/** The `_headers` rules: pattern line → headers. */
function parseHeaders(text: string): Map<string, Record<string, string>> {
  const rules = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      expect(rules.has(line), `duplicate rule ${line}`).toBe(false);
      rules.set(line, (current = {}));
    } else {
      const [name, ...value] = line.trim().split(': ');
      current![name!] = value.join(': ');
    }
  }
  return rules;
}

/** What Cloudflare Pages does with a `_headers` pattern: `:name` one segment, `*` anything. */
const cloudflareMatches = (pattern: string, path: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/:[A-Za-z]\w*/g, '[^/]+')}$`).test(path);

describe('row patterns', () => {
  it('every file of a row matches its pattern, and every row whose pattern matches it serves it the same way', () => {
    const big = syntheticContent({ posts: 30, basePath: '/blog' });
    const served = (row: (typeof OUTPUTS)[number]) => JSON.stringify([row.mediaType, row.cache, row.cors, row.vary]);
    for (const c of [content, big]) {
      for (const { row, file } of outputFiles(c).filter(({ row }) => row.pattern)) {
        expect(new RegExp(patternRegex(row.pattern!)).test(file.path), `${file.path} ↔ ${row.pattern}`).toBe(true);
        const claims = OUTPUTS.filter((other) => other.pattern && new RegExp(patternRegex(other.pattern)).test(file.path));
        expect(new Set(claims.map(served)), file.path).toEqual(new Set([served(row)]));
      }
    }
  });

  it('converts to regular expressions and _headers splats', () => {
    expect(patternRegex('/tags/[tag]/rss.xml')).toBe('^/tags/[^/]+/rss\\.xml$');
    expect(patternRegex('/[...page].md')).toBe('^/.+\\.md$');
    expect(patternSplat('/tags/[tag]/rss.xml')).toBe('/tags/:tag/rss.xml');
    expect(patternSplat('/[...page].md')).toBe('/*.md');
  });
});

describe('_headers', () => {
  it('one rule per kind of file, so the count does not grow with posts and tags (Cloudflare reads 100)', { timeout: 180_000 }, () => {
    const sizes = [syntheticContent({ posts: 5, tags: 2 }), syntheticContent({ posts: 1000, tags: 300, bodyChars: 200 })].map((c) => {
      const text = renderHeadersFile(c, OUTPUTS);
      const used = OUTPUTS.filter((row) => row.files(c).length);
      return { rules: parseHeaders(text).size, rowsInUse: used.length, names: used.map((row) => row.name), chars: text.length };
    });
    // The large site uses more rows only for what size brings (llms sections and parts, feed archives), each one rule.
    const added = sizes[1]!.names.filter((name) => !sizes[0]!.names.includes(name));
    expect(added.every((name) => /^llms|feed archives$/.test(name)), added.join(', ')).toBe(true);
    expect(added.length).toBeGreaterThanOrEqual(2);
    expect(sizes[1]!.rules - sizes[1]!.rowsInUse).toBe(sizes[0]!.rules - sizes[0]!.rowsInUse);
    expect(sizes[1]!.rules).toBeLessThan(60);
    expect(sizes[1]!.chars).toBeLessThan(8_000);
  });

  it('gives every output file exactly one Content-Type and its row’s cache and CORS headers, under the base path', () => {
    const rules = parseHeaders(renderHeadersFile(content, OUTPUTS));
    for (const { row: format, file } of outputFiles(content).filter(({ row }) => row.pattern && !row.typeFromExtension)) {
      const url = `/blog${file.path}`;
      const matching = [...rules].filter(([pattern]) => cloudflareMatches(pattern, url));
      const types = matching.map(([, h]) => h['Content-Type']).filter(Boolean);
      expect(types, url).toEqual([format.mediaType]);
      const merged = Object.assign({}, ...matching.map(([, h]) => h));
      expect(merged['Cache-Control'], url).toBe(format.cache);
      expect(merged['Access-Control-Allow-Origin'], url).toBe(format.cors ? '*' : undefined);
    }
    expect(rules.get('/blog/_next/static/*')).toEqual({ 'Cache-Control': 'public, max-age=31536000, immutable' });
    expect(rules.get('/blog/*')).toEqual({ 'X-Content-Type-Options': 'nosniff', Link: '</blog/.well-known/api-catalog>; rel="api-catalog"' });
    expect(rules.get('/blog/posts/:slug/')).toEqual({ Link: '</blog/posts/:slug.md>; rel="alternate"; type="text/markdown"' });
    expect(rules.get('/blog/about/')).toEqual({ Link: '</blog/about.md>; rel="alternate"; type="text/markdown"' });
    // Posts follow the permalink pattern.
    const dated = parseHeaders(renderHeadersFile({ ...content, site: { ...content.site, permalinks: { ...content.site.permalinks, post: '/:year/:month/:slug/' } } }, OUTPUTS));
    expect(dated.get('/blog/:year/:month/:slug/')).toEqual({ Link: '</blog/:year/:month/:slug.md>; rel="alternate"; type="text/markdown"' });
  });
});

describe('nginx include', () => {
  const text = () => renderNginxInclude(content, OUTPUTS);

  it('never replaces nginx’s MIME map: types blocks only inside locations, and empty', () => {
    let depth = 0;
    for (const line of text().split('\n')) {
      if (/^\s*types\s*\{/.test(line)) {
        expect(depth, line).toBe(1);
        expect(line.trim()).toBe('types { }');
      }
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    }
    expect(depth).toBe(0);
  });

  it('has one location per row, with the row’s media type and headers, under the base path', () => {
    expect(text()).toContain('location = /blog/rss.xml {\n    types { }\n    default_type "application/rss+xml; charset=utf-8";\n    add_header Cache-Control "public, max-age=3600";\n    add_header Access-Control-Allow-Origin "*";');
    expect(text()).toContain('location ~ "^/blog/.+\\\\.md$" {');
    expect(text()).toContain('default_type "application/linkset+json; profile=\\"https://www.rfc-editor.org/info/rfc9727\\"";');
    expect(text()).toContain('location /blog/ {');
    const patterns = new Set(OUTPUTS.filter((r) => r.pattern && !r.typeFromExtension && r.files(content).length).map((r) => r.pattern));
    expect(text().match(/^location /gm)).toHaveLength(patterns.size + 2 + unlistedFileRules(content, OUTPUTS).length);
  });

  it('and the Caddyfile and vercel.json come from the same rows', () => {
    const caddy = renderCaddyfile(content, OUTPUTS);
    expect(caddy).toContain('header @mdsite_row0 Content-Type "application/rss+xml; charset=utf-8"');
    expect(caddy).toContain('rewrite @mdsite_markdown {mdsite_twin}');
    const vercel = JSON.parse(renderVercelJson(content, OUTPUTS));
    expect(vercel.rewrites).toContainEqual({ source: '/blog/posts/:slug/', has: [expect.objectContaining({ type: 'header', key: 'accept' })], destination: '/blog/posts/:slug.md' });
    expect(vercel.headers).toContainEqual({ source: '/blog/tags/:tag([^/]+)/rss.xml', headers: expect.arrayContaining([{ key: 'Content-Type', value: 'application/rss+xml; charset=utf-8' }]) });
    expect(hostConfigs(content).map((f) => f.name)).toEqual(['nginx-include.conf', 'Caddyfile', 'vercel.json']);
  });

  it('vercel.json sources compile with path-to-regexp and match each file with its own Content-Type only', () => {
    // The path-to-regexp Next.js ships, the matcher Vercel's `source` syntax comes from.
    const { pathToRegexp } = createRequire(import.meta.url)('next/dist/compiled/path-to-regexp') as { pathToRegexp(source: string, keys: unknown[]): RegExp };
    const { headers } = JSON.parse(renderVercelJson(content, OUTPUTS)) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
    const rules = headers.map((h) => ({ re: pathToRegexp(h.source, []), type: h.headers.find((x) => x.key === 'Content-Type')?.value }));
    for (const { row, file } of outputFiles(content).filter(({ row }) => row.pattern && !row.typeFromExtension)) {
      const types = rules.filter((r) => r.type && r.re.test(`/blog${file.path}`)).map((r) => r.type);
      expect(types, file.path).toEqual([row.mediaType]);
    }
  });
});

describe('files of unlisted posts and pages', () => {
  // What each host sends X-Robots-Tag: noindex for must be exactly these files: twin, card, co-located files.
  const unlisted = () => outputFiles(content).filter(({ file }) => file.entry?.visibility === 'unlisted').map(({ file }) => `/blog${file.path}`);
  const listed = () => outputFiles(content).filter(({ file }) => file.entry?.visibility === 'listed').map(({ file }) => `/blog${file.path}`);

  it('are the twin, the card and the co-located files of each unlisted entry', () => {
    expect(unlisted()).toEqual(expect.arrayContaining(['/blog/posts/unlisted.md', '/blog/og/posts/unlisted.png', '/blog/secret-page.md']));
  });

  it('carry noindex in _headers, vercel.json, the nginx include and the Caddyfile; listed files do not', () => {
    const rules = [...parseHeaders(renderHeadersFile(content, OUTPUTS))];
    const headersOf = (url: string) => Object.assign({}, ...rules.filter(([pattern]) => cloudflareMatches(pattern, url)).map(([, h]) => h));
    for (const url of unlisted()) expect(headersOf(url)['X-Robots-Tag'], url).toBe('noindex');
    for (const url of listed()) expect(headersOf(url)['X-Robots-Tag'], url).toBeUndefined();

    const { pathToRegexp } = createRequire(import.meta.url)('next/dist/compiled/path-to-regexp') as { pathToRegexp(source: string, keys: unknown[]): RegExp };
    const { headers } = JSON.parse(renderVercelJson(content, OUTPUTS)) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
    const noindex = headers.filter((h) => h.headers.some((x) => x.key === 'X-Robots-Tag')).map((h) => pathToRegexp(h.source, []));
    for (const url of unlisted()) expect(noindex.some((re) => re.test(url)), url).toBe(true);
    for (const url of listed()) expect(noindex.some((re) => re.test(url)), url).toBe(false);

    // nginx: an exact location that repeats its row's type and headers (add_header replaces inherited ones).
    const nginx = renderNginxInclude(content, OUTPUTS);
    expect(nginx).toContain('location = /blog/posts/unlisted.md {\n    types { }\n    default_type "text/markdown; charset=utf-8";\n    add_header Cache-Control "public, max-age=3600";\n    add_header Access-Control-Allow-Origin "*";\n    add_header Vary "Accept";\n    add_header X-Robots-Tag "noindex";');
    const caddy = renderCaddyfile(content, OUTPUTS);
    for (const url of unlisted()) expect(caddy, url).toMatch(new RegExp(`@mdsite_unlisted(\\d+) path "${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\n    header @mdsite_unlisted\\1 X-Robots-Tag "noindex"`));
  });

  it('carry noindex when server mode answers them', async () => {
    const byPath = new Map(outputFiles(content).map((output) => [`/blog${output.file.path}`, output]));
    for (const url of ['/blog/posts/unlisted.md', '/blog/secret-page.md']) expect((await outputResponse(byPath.get(url)!)).headers.get('x-robots-tag'), url).toBe('noindex');
    const listedTwin = listed().find((url) => url.endsWith('.md'))!;
    expect((await outputResponse(byPath.get(listedTwin)!)).headers.get('x-robots-tag')).toBeNull();
  });
});
