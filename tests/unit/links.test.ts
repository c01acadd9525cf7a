import fs from 'node:fs';
import path from 'node:path';
import rehypeParse from 'rehype-parse';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeAbsoluteUrls from '@/lib/links/rehype-absolute-urls';
import rehypeSiteLinks, { resolveUrl, type LinkContext } from '@/lib/links/rehype-site-links';
import { rewriteMarkdownUrls } from '@/lib/links/remark-absolute-urls';
import { absolutize, hasScheme, parseSrcset, rewriteSrcset } from '@/lib/links/url';

// Each link plugin turns tests/fixtures/links/<plugin>/input.* into the expected output.* beside it.
// UPDATE_FIXTURES=1 writes the outputs instead (then read the diff before committing it).

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/links');
function expectFixture(plugin: string, output: string, actual: string) {
  const file = path.join(FIXTURES, plugin, output);
  if (process.env.UPDATE_FIXTURES) fs.writeFileSync(file, actual);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
const input = (plugin: string, name: string) => fs.readFileSync(path.join(FIXTURES, plugin, name), 'utf8');

const PAGE = 'https://example.com/blog/posts/a/';
const files: Record<string, string> = {
  'posts/other.md': '/posts/other/',
  'posts/folder/index.md': '/posts/folder/',
  'posts/folder/diagram.png': '/posts/folder/diagram.png',
  'posts/diagram.png': '/posts/a/diagram.png',
  'pages/about.md': '/about/',
};
const context: LinkContext = { file: 'posts/a.md', basePath: '/blog', lookup: (f) => files[f] };

describe('url helpers', () => {
  it('tells URLs with a scheme from paths', () => {
    for (const url of ['https://a.b', 'mailto:x@y.z', 'data:image/png;base64,AA', 'tel:+1', 'web+app:x']) expect(hasScheme(url)).toBe(true);
    for (const url of ['/a', './a:b', 'a/b', '#x', '//cdn.example.org/x', '1password:x']) expect(hasScheme(url)).toBe(false);
  });

  it('parses and rewrites srcset candidates with their descriptors', () => {
    expect(parseSrcset(' a.png 1x,b.png  2x , c.png')).toEqual([
      { url: 'a.png', descriptor: '1x' },
      { url: 'b.png', descriptor: '2x' },
      { url: 'c.png', descriptor: '' },
    ]);
    expect(rewriteSrcset('a.png 480w, /b.png 1080w', (u) => `[${u}]`)).toBe('[a.png] 480w, [/b.png] 1080w');
  });

  it('makes references absolute against the page, leaving other schemes alone', () => {
    expect(absolutize('../x/', PAGE)).toBe('https://example.com/blog/posts/x/');
    expect(absolutize('#f', PAGE)).toBe(`${PAGE}#f`);
    expect(absolutize('mailto:a@b.c', PAGE)).toBe('mailto:a@b.c');
  });
});

describe('rehype-site-links', () => {
  const render = (markdown: string) => {
    const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSiteLinks).use(rehypeStringify);
    const file = new VFile({ value: markdown, data: { linkContext: context } });
    return { html: String(processor.processSync(file)), broken: file.data.brokenLinks };
  };

  it('rewrites content-relative links and assets to their URLs under the base path', () => {
    const { html } = render(input('rehype-site-links', 'input.md'));
    expectFixture('rehype-site-links', 'output.html', html);
  });

  it('reports links to nothing with their position, and malformed escapes without a target', () => {
    const { broken } = render(input('rehype-site-links', 'input.md'));
    expect(broken).toEqual([
      { url: './missing.md', target: 'posts/missing.md', line: 6, column: 9 },
      { url: '50%.png', line: 6, column: 33 },
    ]);
  });

  it('resolves folder links by their index.md and keeps query and fragment', () => {
    expect(resolveUrl('folder/?x=1#y', context)).toBe('/blog/posts/folder/?x=1#y');
    expect(resolveUrl('../pages/about.md', context)).toBe('/blog/about/');
    expect(resolveUrl('./nope.md', context)).toEqual({ missing: 'posts/nope.md' });
    expect(resolveUrl('%E0%A4%A.png', context)).toEqual({ malformed: true });
  });

  it('reads a relative link as a browser does from the page URL when no content file matches', () => {
    const published = new Set(['/posts/other/', '/posts/folder/', '/posts/folder/diagram.png']);
    const fromPage: LinkContext = { ...context, pagePath: '/posts/a/', isPublished: (p) => published.has(p) };
    expect(resolveUrl('../other/#part', fromPage)).toBe('/blog/posts/other/#part');
    expect(resolveUrl('../folder/diagram.png', fromPage)).toBe('/blog/posts/folder/diagram.png');
    // The file reading wins where both land.
    expect(resolveUrl('./other.md', fromPage)).toBe('/blog/posts/other/');
    expect(resolveUrl('../nowhere/', fromPage)).toEqual({ missing: 'nowhere/', pageTarget: '/posts/nowhere/' });
  });
});

describe('rehype-absolute-urls', () => {
  it('makes href, src, srcset, poster and cite absolute against the page URL', () => {
    const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeAbsoluteUrls).use(rehypeStringify);
    const html = String(processor.processSync({ value: input('rehype-absolute-urls', 'input.html'), data: { pageUrl: PAGE } }));
    expectFixture('rehype-absolute-urls', 'output.html', html);
  });

  it('refuses to run without a page URL', () => {
    const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeAbsoluteUrls).use(rehypeStringify);
    expect(() => processor.processSync('<a href="x">x</a>')).toThrow(/pageUrl/);
  });
});

describe('remark-absolute-urls', () => {
  const rewrite = (url: string) => {
    const resolved = resolveUrl(url, context);
    return typeof resolved === 'string' ? absolutize(resolved, PAGE) : url;
  };

  it('rewrites every destination and raw HTML URL attribute, and nothing else', () => {
    expectFixture('remark-absolute-urls', 'output.md', rewriteMarkdownUrls(input('remark-absolute-urls', 'input.md'), rewrite));
  });

  it('changes nothing but URLs: the other lines stay byte for byte', () => {
    const source = input('remark-absolute-urls', 'input.md');
    const result = rewriteMarkdownUrls(source, rewrite);
    const unchanged = (text: string) => text.split('\n').filter((line) => !/\]\(|\]:|=/.test(line));
    expect(unchanged(result)).toEqual(unchanged(source));
    expect(rewriteMarkdownUrls(source, (url) => url)).toBe(source);
  });
});
