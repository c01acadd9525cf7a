import Ajv from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import robotsParser from 'robots-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_INLINE_POSTS, postsByYear, type Content } from '@/lib/content';
import { API_CATALOG_PROFILE, renderApiCatalog } from '@/lib/outputs/api-catalog';
import { listTwins, renderArchiveMarkdown, renderArchiveYearMarkdown, renderHomeMarkdown, renderTagMarkdown, renderTagsMarkdown } from '@/lib/outputs/list-markdown';
import { LLMS_MAX_CHARS, llmsFiles, llmsFullFiles, renderLlmsTxt, renderMarkdownTwin } from '@/lib/outputs/llms';
import { OUTPUTS, outputFiles } from '@/lib/outputs/registry';
import { contentSignalLine, renderRobotsTxt } from '@/lib/outputs/robots';
import { sitemapUrls } from '@/lib/outputs/sitemap';
import { hostileContent } from '../helpers/hostile-content';
import { syntheticContent } from '../helpers/synthetic-content';

let content: Content;
beforeAll(async () => {
  content = await hostileContent();
}, 60_000);

// The llmstxt.org reference parser's view of a section line.
const LINK_LINE = /^-\s*\[(?<title>[^\]]+)\]\((?<url>[^)]+)\)(?::\s*(?<desc>.*))?$/;

/** Checks the llmstxt.org shape and returns the URLs of the section lines. */
function llmsLinks(text: string): string[] {
  const lines = text.split('\n');
  expect(lines[0]).toMatch(/^# \S/);
  expect(lines[2]).toMatch(/^> \S/);
  const first = lines.findIndex((l) => l.startsWith('## '));
  expect(lines.slice(1, first).some((l) => l.startsWith('#'))).toBe(false);
  const body = lines.slice(first).filter((l) => l && !l.startsWith('## '));
  for (const line of body) expect(line, line).toMatch(LINK_LINE);
  return body.map((l) => LINK_LINE.exec(l)!.groups!.url!);
}

const twinUrlOf = (pageUrl: string) => (pageUrl.endsWith('.com/') || pageUrl.endsWith('/blog/') ? `${pageUrl}index.md` : `${pageUrl.replace(/\/$/, '')}.md`);

describe('llms.txt at any size', () => {
  it('covers every listed page of the sitemap by its markdown twin, with a section for agents', () => {
    const text = renderLlmsTxt(content);
    const links = llmsLinks(text);
    for (const { loc } of sitemapUrls(content)) expect(links, loc).toContain(twinUrlOf(loc));
    expect(text).toContain('## For agents');
    expect(text).toContain('Accept: text/markdown');
    expect(text).toContain('(https://mdsite.example.com/blog/rss.xml)');
    expect(llmsFiles(content)).toHaveLength(1);
  });

  it('past 50,000 characters becomes an index of section files, each under the limit, covering the sitemap', { timeout: 180_000 }, () => {
    const big = syntheticContent({ posts: 1000, tags: 60, bodyChars: 200 });
    const files = llmsFiles(big);
    expect(files.length).toBeGreaterThan(2);
    const index = files[0]!;
    expect(index.path).toBe('/llms.txt');
    const indexLinks = llmsLinks(index.body());
    for (const file of files) {
      const text = file.body();
      expect(text.length, file.path).toBeLessThan(LLMS_MAX_CHARS);
      if (file !== index) expect(indexLinks).toContain(`https://mdsite.example.com${file.path}`);
    }
    const all = files.flatMap((f) => llmsLinks(f.body()));
    for (const { loc } of sitemapUrls(big)) expect(all, loc).toContain(twinUrlOf(loc));
    expect(index.body()).toContain('## For agents');
    // The section files are served: each is a row's file.
    const served = OUTPUTS.filter((row) => row.name.startsWith('llms.txt')).flatMap((row) => row.files(big).map((f) => f.path));
    for (const file of files) expect(served).toContain(file.path);
  });

  it('llms-full.txt splits into parts under the limit with an index, every listed entry once', { timeout: 180_000 }, () => {
    const big = syntheticContent({ posts: 1000 });
    const files = llmsFullFiles(big);
    expect(files.length).toBeGreaterThan(10);
    const partLinks = llmsLinks(files[0]!.body());
    expect(partLinks).toHaveLength(files.length - 1);
    const bodies = files.slice(1).map((f) => f.body());
    for (const body of bodies) expect(body.length).toBeLessThan(LLMS_MAX_CHARS);
    const urls = bodies.join('\n').match(/^URL: .*$/gm)!;
    expect(urls).toHaveLength(big.listedPosts.length + big.listedPages.length);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('stays one file while it fits', () => {
    expect(llmsFullFiles(content)).toHaveLength(1);
    expect(llmsFiles(syntheticContent({ posts: 50 }))).toHaveLength(1);
  });
});

describe('markdown of every page', () => {
  it('the home page and its pages list posts by their twins, with pointers to themselves and llms.txt', () => {
    const big = syntheticContent({ posts: 25 });
    const home = renderHomeMarkdown(big, 1);
    expect(home.split('\n').slice(0, 6)).toEqual([
      '# mdsite',
      '',
      'URL: https://mdsite.example.com/',
      'Markdown: https://mdsite.example.com/index.md',
      'Site index for language models: https://mdsite.example.com/llms.txt',
      '',
    ]);
    expect(home).toContain('- 2025-01-01 [Post number 0: a title of ordinary length](https://mdsite.example.com/posts/post-0.md) (Topic 0, Topic 3): What post 0');
    expect(home).toContain('Older posts: [page 2](https://mdsite.example.com/page/2.md)');
    const last = renderHomeMarkdown(big, 3);
    expect(last).toContain('Markdown: https://mdsite.example.com/page/3.md');
    expect(last).toContain('Newer posts: [page 2](https://mdsite.example.com/page/2.md)');
    expect(last).not.toContain('Older posts');
  });

  it('archive, tag index and tag pages; titles cannot break the markdown', () => {
    const archive = renderArchiveMarkdown(content);
    expect(archive).toContain('Markdown: https://mdsite.example.com/blog/archive.md');
    expect(archive).toMatch(/^## \[2025\]\(https:\/\/mdsite\.example\.com\/blog\/archive\/2025\.md\)$/m);
    expect(archive).toContain('[Tom & Jerry \\<b\\>bold\\</b\\> \\]\\]\\> "quoted" \'apos\' bell](https://mdsite.example.com/blog/posts/xml-special.md)');
    for (const hidden of ['draft', 'future', 'unlisted']) expect(archive).not.toContain(`/posts/${hidden}`);
    const tags = renderTagsMarkdown(content);
    expect(tags).toContain('(https://mdsite.example.com/blog/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E.md)');
    const group = content.tags[0]!;
    const tag = renderTagMarkdown(content, group);
    expect(tag).toContain(`Markdown: https://mdsite.example.com/blog/tags/${encodeURI(group.tag.slug)}.md`);
    expect(tag).toContain(`https://mdsite.example.com/blog/tags/${encodeURI(group.tag.slug)}/rss.xml`);
  });

  it('the archive lists every post up to its limit, past it the years, each year with its own twin', () => {
    const small = syntheticContent({ posts: ARCHIVE_INLINE_POSTS, years: 3, bodyChars: 50 });
    const all = renderArchiveMarkdown(small);
    expect(all.match(/^- \d{4}-\d\d-\d\d \[/gm)).toHaveLength(ARCHIVE_INLINE_POSTS);

    const large = syntheticContent({ posts: ARCHIVE_INLINE_POSTS + 1, years: 3, bodyChars: 50 });
    const index = renderArchiveMarkdown(large);
    expect(index).not.toMatch(/^- \d{4}-\d\d-\d\d \[/m);
    const years = postsByYear(large);
    expect(years.map((y) => y.year)).toEqual([2025, 2024, 2023]);
    for (const { year, posts } of years) expect(index).toContain(`- [${year}](https://mdsite.example.com/archive/${year}.md): ${posts.length} posts`);
    expect(years.reduce((n, y) => n + y.posts.length, 0)).toBe(large.listedPosts.length);

    const middle = renderArchiveYearMarkdown(large, 2024);
    expect(middle).toContain('Markdown: https://mdsite.example.com/archive/2024.md');
    expect(middle.match(/^- 2024-\d\d-\d\d \[/gm)).toHaveLength(years[1]!.posts.length);
    expect(middle).not.toMatch(/^- 202[35]-/m);
    expect(middle).toContain('Newer: [2025](https://mdsite.example.com/archive/2025.md)');
    expect(middle).toContain('Older: [2023](https://mdsite.example.com/archive/2023.md)');
    expect(renderArchiveYearMarkdown(large, 2025)).not.toContain('Newer:');
    const twins = listTwins(large).map((t) => t.path);
    expect(twins).toEqual(expect.arrayContaining(['/archive.md', '/archive/2025.md', '/archive/2024.md', '/archive/2023.md']));
  });

  it('post and page twins name themselves and llms.txt under their header', () => {
    const twin = renderMarkdownTwin(content, content.posts.find((p) => p.slug === 'date-only')!);
    const head = twin.split('\n\n')[1]!;
    expect(head).toContain('Markdown: https://mdsite.example.com/blog/posts/date-only.md');
    expect(head).toContain('Site index for language models: https://mdsite.example.com/blog/llms.txt');
  });

  it('every page of the sitemap has a twin in the output table', () => {
    const served = new Set(outputFiles(content).map(({ file }) => `https://mdsite.example.com/blog${encodeURI(file.path)}`));
    for (const { loc } of sitemapUrls(content)) expect(served, loc).toContain(twinUrlOf(loc));
  });
});

// RFC 9264 §4.2: a linkset is an array of link context objects; each has an optional anchor and
// relation types whose values are arrays of target objects with an href.
const LINKSET_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['linkset'],
  additionalProperties: false,
  properties: {
    linkset: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: { anchor: { type: 'string', format: 'uri' } },
        additionalProperties: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['href'],
            properties: {
              href: { type: 'string', format: 'uri-reference' },
              type: { type: 'string', pattern: '^[a-z]+/[a-z0-9.+-]+$' },
              title: { type: 'string' },
              hreflang: { type: 'array', items: { type: 'string' } },
              media: { type: 'string' },
              'title*': { type: 'array', items: { type: 'object', required: ['value'], properties: { value: { type: 'string' }, language: { type: 'string' } } } },
            },
            additionalProperties: { type: 'array' },
          },
        },
      },
    },
  },
};

describe('/.well-known/api-catalog (RFC 9727)', () => {
  const validate = addFormats(new Ajv({ strict: true, allErrors: true })).compile(LINKSET_SCHEMA);

  it('is an RFC 9264 linkset listing the feeds, JSON API, sitemap, llms files and OpenAPI with their media types', () => {
    const catalog = JSON.parse(renderApiCatalog(content, OUTPUTS, {}));
    expect(validate(catalog), JSON.stringify(validate.errors)).toBe(true);
    const [context] = catalog.linkset;
    expect(context.anchor).toBe('https://mdsite.example.com/blog/.well-known/api-catalog');
    const items = Object.fromEntries(context.item.map((i: { href: string; type: string }) => [i.href.replace('https://mdsite.example.com/blog', ''), i.type]));
    expect(items).toEqual({
      '/rss.xml': 'application/rss+xml',
      '/atom.xml': 'application/atom+xml',
      '/feed.json': 'application/feed+json',
      '/api/posts.json': 'application/json',
      '/api/tags.json': 'application/json',
      '/sitemap.xml': 'application/xml',
      '/llms.txt': 'text/plain',
      '/llms-full.txt': 'text/plain',
      '/openapi.json': 'application/json',
    });
    expect(catalog.linkset).toHaveLength(1);
  });

  it('gives every item the media type its file is served with', () => {
    const catalog = JSON.parse(renderApiCatalog(content, OUTPUTS, { MDSITE_MODE: 'server' }));
    const served = new Map(outputFiles(content).map(({ row, file }) => [file.path, (file.mediaType ?? row.mediaType).split(';')[0]!.trim()]));
    const typed = catalog.linkset.flatMap((context: Record<string, { href: string; type?: string }[]>) => Object.values(context).filter(Array.isArray).flat());
    const files = typed.filter((t: { href: string; type?: string }) => t.type && served.has(t.href.replace('https://mdsite.example.com/blog', '')));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const { href, type } of files) expect(type, href).toBe(served.get(href.replace('https://mdsite.example.com/blog', '')));
  });

  it('describes the POST API with service-desc and status where it runs', () => {
    for (const env of [{ MDSITE_MODE: 'server' }, { PUBLIC_API_ORIGIN: 'https://api.example.net' }]) {
      const catalog = JSON.parse(renderApiCatalog(content, OUTPUTS, env));
      expect(validate(catalog), JSON.stringify(validate.errors)).toBe(true);
      const api = catalog.linkset[1];
      const origin = env.PUBLIC_API_ORIGIN ?? 'https://mdsite.example.com/blog';
      expect(api.anchor).toBe(`${origin}/api/`);
      expect(api['service-desc']).toEqual([expect.objectContaining({ href: 'https://mdsite.example.com/blog/openapi.json', type: 'application/json' })]);
      expect(api.status).toEqual([{ href: `${origin}/api/health`, type: 'application/json' }]);
      expect(catalog.linkset[0].item.map((i: { href: string }) => i.href)).toContain(`${origin}/api/`);
    }
  });

  it('is served as application/linkset+json with the RFC 9727 profile', () => {
    const row = OUTPUTS.find((r) => r.name === 'api-catalog')!;
    expect(row.mediaType).toBe(`application/linkset+json; profile="${API_CATALOG_PROFILE}"`);
    expect(row.files(content).map((f) => f.path)).toEqual(['/.well-known/api-catalog']);
  });
});

describe('one content-use policy, written three ways', () => {
  const url = 'https://mdsite.example.com/blog/posts/x/';
  it.each([
    ['allow', 'search=yes, ai-input=yes, ai-train=yes', { GPTBot: true, 'ChatGPT-User': true }, 'for answers and for training'],
    ['no-training', 'search=yes, ai-input=yes, ai-train=no', { GPTBot: false, CCBot: false, 'ChatGPT-User': true, 'Claude-User': true }, 'does not allow training'],
    ['disallow', 'search=yes, ai-input=no, ai-train=no', { GPTBot: false, 'ChatGPT-User': false, PerplexityBot: false }, 'not to collect this content'],
  ] as const)('policy %s', async (policy, signal, agents, sentence) => {
    const site = (await hostileContent({ aiCrawlers: { policy } })).site;
    const robots = renderRobotsTxt(site);
    expect(contentSignalLine(site)).toBe(`Content-Signal: ${signal}`);
    // Every group carries the signal line, and each group's rules still parse as RFC 9309.
    const groups = robots.split('\n\n').filter((g) => g.includes('User-agent:'));
    for (const group of groups) expect(group).toContain(`Content-Signal: ${signal}`);
    const parsed = robotsParser('https://mdsite.example.com/robots.txt', robots);
    expect(parsed.isAllowed(url, 'Googlebot')).toBe(true);
    for (const [agent, allowed] of Object.entries(agents)) expect(parsed.isAllowed(url, agent), agent).toBe(allowed);
    const llms = renderLlmsTxt(await hostileContent({ aiCrawlers: { policy } }));
    expect(llms).toContain(sentence);
    expect(llms).toContain(signal.replace('search=yes, ', ''));
  });
});

describe('negotiation in server mode', () => {
  it('rewrites a page with a twin to it for a markdown client, and sends Vary and Link either way', async () => {
    const { negotiatePage } = await import('@/lib/outputs/negotiation');
    const agent = 'text/markdown, text/html;q=0.9';
    expect(negotiatePage(content, '/posts/date-only/', agent)).toEqual({
      rewriteTo: '/posts/date-only.md',
      headers: { Vary: 'Accept', Link: '</blog/posts/date-only.md>; rel="alternate"; type="text/markdown", </blog/.well-known/api-catalog>; rel="api-catalog"' },
    });
    expect(negotiatePage(content, '/', agent)?.rewriteTo).toBe('/index.md');
    expect(negotiatePage(content, '/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/', agent)).toMatchObject({
      rewriteTo: '/tags/日本語.md',
      headers: { Link: expect.stringContaining('</blog/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E.md>; rel="alternate"') },
    });
    expect(negotiatePage(content, '/posts/date-only/', 'text/html,*/*;q=0.8')?.rewriteTo).toBeUndefined();
    // No twin: HTML, and only the catalog link.
    expect(negotiatePage(content, '/contact/', agent)).toEqual({ headers: { Vary: 'Accept', Link: '</blog/.well-known/api-catalog>; rel="api-catalog"' } });
    expect(negotiatePage(content, '/posts/draft/', agent)?.rewriteTo).toBeUndefined();
    // Files are not negotiated; a broken escape is left to the router.
    expect(negotiatePage(content, '/rss.xml', agent)).toBeUndefined();
    expect(negotiatePage(content, '/%E0%A4%A/', agent)).toBeUndefined();
  });
});
