import robotsParser from 'robots-parser';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '@/lib/content';
import { linkLine, renderLlmsFullTxt, renderLlmsTxt, renderMarkdownTwin } from '@/lib/outputs/llms';
import { imageUrl } from '@/lib/urls';
import { renderRobotsTxt } from '@/lib/outputs/robots';
import { renderSitemap, renderSitemapChunk, sitemapUrls } from '@/lib/outputs/sitemap';
import { renderAtprotoDid, renderSecurityTxt, renderWebfinger } from '@/lib/outputs/well-known';
import { AI_CRAWLERS } from '@/lib/site';
import { hostileContent } from '../helpers/hostile-content';

let content: Content;
beforeAll(async () => {
  content = await hostileContent();
});
const post = (slug: string) => content.posts.find((p) => p.slug === slug)!;

// The llmstxt.org reference parser's view of a section line.
const LINK_LINE = /^-\s*\[(?<title>[^\]]+)\]\((?<url>[^)]+)\)(?::\s*(?<desc>.*))?$/;

describe('llms.txt', () => {
  it('has the llmstxt.org shape: H1, summary, prose, then sections of link lines only', () => {
    const lines = renderLlmsTxt(content).split('\n');
    expect(lines[0]).toBe('# mdsite');
    expect(lines[2]).toMatch(/^> \S/);
    const sections = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('## ')).map(([l]) => l);
    expect(sections).toEqual(['## For agents', '## Posts from 2025', '## Pages', '## Lists', '## Optional']);
    const firstSection = lines.indexOf('## For agents');
    expect(lines.slice(1, firstSection).some((l) => l.startsWith('#'))).toBe(false);
    const body = lines.slice(firstSection).filter((l) => l && !l.startsWith('## '));
    for (const line of body) expect(line, line).toMatch(LINK_LINE);
    for (const line of body) expect(LINK_LINE.exec(line)!.groups!.url).toMatch(/^https:\/\/mdsite\.example\.com\/blog\//);
  });

  it('lists listed posts and pages by their markdown twins, with brackets kept out of names', () => {
    const text = renderLlmsTxt(content);
    expect(text).toContain('- [Tom & Jerry <b>bold</b> ))> "quoted" \'apos\' bell](https://mdsite.example.com/blog/posts/xml-special.md): Escaping:');
    expect(text).toContain('(https://mdsite.example.com/blog/about.md)');
    for (const hidden of ['draft', 'future', 'unlisted', 'secret-page']) expect(text).not.toContain(`/${hidden}`);
  });

  it('percent-encodes parentheses in link URLs, which readers end at the first ")"', () => {
    const line = linkLine('Notes (2019)', 'https://mdsite.example.com/blog/notes-(2019).md', 'a (short) note');
    expect(line).toBe('- [Notes (2019)](https://mdsite.example.com/blog/notes-%282019%29.md): a (short) note');
    expect(LINK_LINE.exec(line)!.groups!.url).toBe('https://mdsite.example.com/blog/notes-%282019%29.md');
  });

  it('states the AI-crawler policy that robots.txt applies', async () => {
    expect(renderLlmsTxt(content)).toContain('AI crawlers and language models may read and use this content');
    const closed = await hostileContent({ aiCrawlers: { policy: 'disallow' } });
    expect(renderLlmsTxt(closed)).toContain('asks AI crawlers not to collect this content');
  });

  it('llms-full.txt holds every listed post and page as markdown with URL and date headers', () => {
    const text = renderLlmsFullTxt(content);
    expect(text).toContain('URL: https://mdsite.example.com/blog/posts/date-only/\nPublished: 2025-03-01');
    expect(text).toContain('# About & <more>');
    expect(text).not.toContain('Only people with the link');
    expect(text).not.toContain('SHOULD-NOT-LEAK');
  });
});

describe('markdown twins', () => {
  it('are the source body without frontmatter, with a title line, the canonical URL and absolute links', () => {
    const twin = renderMarkdownTwin(content, post('with-image'));
    expect(twin.startsWith('# Images: co-located\n\nURL: https://mdsite.example.com/blog/posts/with-image/\nPublished: 2025-02-01\nUpdated: 2025-02-10\n')).toBe(true);
    expect(twin).not.toContain('image: ./pic.png');
    expect(twin).toContain('![The icon](https://mdsite.example.com/blog/posts/with-image/pic.png)');
    expect(twin).toContain('<img src="https://mdsite.example.com/blog/posts/with-image/pic.png" srcset="https://mdsite.example.com/blog/posts/with-image/pic.png 1x, https://mdsite.example.com/blog/posts/with-image/pic.png 2x"');
    const special = renderMarkdownTwin(content, post('xml-special'));
    expect(special).toContain('[the image post](https://mdsite.example.com/blog/posts/with-image/)');
    expect(special).toContain('[a page](https://mdsite.example.com/blog/about/)');
    expect(special).not.toMatch(/[\u0001\u001f]/);
    expect(renderMarkdownTwin(content, post('date-only'))).toContain('[long]: https://mdsite.example.com/blog/posts/long-title/');
  });
});

describe('sitemap', () => {
  it('lists every public, listed, indexable URL once with content dates, never the build time', () => {
    const urls = sitemapUrls(content);
    const locs = urls.map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    expect(locs).toContain('https://mdsite.example.com/blog/');
    expect(locs).toContain('https://mdsite.example.com/blog/archive/');
    expect(locs).toContain('https://mdsite.example.com/blog/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/');
    for (const hidden of ['draft', 'future', 'unlisted', 'secret-page']) expect(locs.join(' ')).not.toContain(`/${hidden}/`);
    expect(urls.find((u) => u.loc.endsWith('/date-only/'))?.lastmod).toBe('2025-03-01');
    expect(urls.find((u) => u.loc.endsWith('/with-image/'))?.lastmod).toBe('2025-02-10');
    expect(urls.find((u) => u.loc.endsWith('/xml-special/'))?.lastmod).toBe('2025-05-01T10:30:00+02:00');
    expect(urls.map((u) => u.lastmod).join(' ')).not.toContain('2026-01-01');
  });

  it('becomes an index of chunks past sitemap.maxUrls', async () => {
    expect(renderSitemap(content)).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const small = await hostileContent({ sitemap: { maxUrls: 4 } });
    const index = renderSitemap(small);
    expect(XMLValidator.validate(index)).toBe(true);
    expect(index).toContain('<sitemapindex');
    expect(index.match(/<sitemap>/g)).toHaveLength(Math.ceil(sitemapUrls(small).length / 4));
    expect(index).toContain('<loc>https://mdsite.example.com/blog/sitemap-1.xml</loc>');
    const chunks = [1, 2, 3].map((n) => renderSitemapChunk(small, n).match(/<loc>/g)?.length ?? 0);
    expect(chunks.reduce((a, b) => a + b)).toBe(sitemapUrls(small).length);
  });
});

describe('robots.txt', () => {
  it('names the sitemap by absolute URL and allows or disallows the AI crawlers by config', async () => {
    const open = robotsParser('https://mdsite.example.com/robots.txt', renderRobotsTxt(content.site));
    expect(open.getSitemaps()).toEqual(['https://mdsite.example.com/blog/sitemap.xml']);
    expect(open.isAllowed('https://mdsite.example.com/blog/posts/x/', 'GPTBot')).toBe(true);
    const closedSite = (await hostileContent({ aiCrawlers: { policy: 'disallow' } })).site;
    const closed = robotsParser('https://mdsite.example.com/robots.txt', renderRobotsTxt(closedSite));
    for (const agent of AI_CRAWLERS) expect(closed.isAllowed('https://mdsite.example.com/blog/posts/x/', agent), agent).toBe(false);
    expect(closed.isAllowed('https://mdsite.example.com/blog/posts/x/', 'Googlebot')).toBe(true);
  });
});

describe('.well-known', () => {
  it('security.txt has Contact, one Expires from the build time within a year, Canonical and Preferred-Languages', () => {
    const text = renderSecurityTxt(content.site);
    expect(text).toBe(
      [
        'Contact: mailto:hello@mdsite.example.com',
        'Expires: 2026-06-30T00:00:00Z',
        'Canonical: https://mdsite.example.com/blog/.well-known/security.txt',
        'Preferred-Languages: en',
        '',
      ].join('\n'),
    );
  });

  it('security.txt leaves Preferred-Languages out rather than empty', async () => {
    const { site } = await hostileContent({ security: { ...content.site.security, preferredLanguages: [] } });
    expect(renderSecurityTxt(site)).not.toContain('Preferred-Languages');
  });

  it('makes a protocol-relative image absolute on the site\'s scheme', () => {
    const site = { url: 'https://mdsite.example.com', basePath: '/blog' };
    expect(imageUrl(site, '//cdn.example.com/c.png')).toBe('https://cdn.example.com/c.png');
    expect(imageUrl(site, '/images/c.png')).toBe('https://mdsite.example.com/blog/images/c.png');
    expect(imageUrl(site, 'http://other.example/c.png')).toBe('http://other.example/c.png');
  });

  it('atproto-did and webfinger render the configured identity', async () => {
    const { site } = await hostileContent({
      identity: { atprotoDid: 'did:plc:abc123', webfinger: { subject: 'acct:me@mdsite.example.com', profile: 'https://mdsite.example.com/about/' } },
    });
    expect(renderAtprotoDid(site)).toBe('did:plc:abc123');
    expect(JSON.parse(renderWebfinger(site))).toEqual({
      subject: 'acct:me@mdsite.example.com',
      aliases: ['https://mdsite.example.com/about/'],
      links: [{ rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: 'https://mdsite.example.com/about/' }],
    });
  });
});
