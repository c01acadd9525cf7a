import { describe, expect, it } from 'vitest';
import { renderMarkdown, type LinkContext } from '@/lib/content/markdown';
import { resolveUrl } from '@/lib/links/rehype-site-links';

const files: Record<string, string> = {
  'posts/other.md': '/posts/other/',
  'posts/folder/index.md': '/posts/folder/',
  'posts/folder/diagram.png': '/posts/folder/diagram.png',
  'pages/about.md': '/about/',
};
const context = (file: string, basePath = ''): LinkContext => ({ file, basePath, lookup: (f) => files[f] });

describe('renderMarkdown', () => {
  it('renders GFM: tables, footnotes, task lists, strikethrough', async () => {
    const { html } = await renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ text[^n]\n\n[^n]: note', context('posts/a.md'));
    expect(html).toContain('<table>');
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain('<del>old</del>');
    expect(html).toMatch(/<section data-footnotes="" class="footnotes">/);
  });

  it('gives headings ids and anchor links, and lists h2/h3 in the table of contents', async () => {
    const { html, toc } = await renderMarkdown('## First part\n\n### Détails & more\n\n#### Deep\n\nText[^1]\n\n[^1]: n', context('posts/a.md'));
    expect(html).toContain('<h2 id="first-part">First part<a class="heading-anchor" aria-hidden="true" tabindex="-1" href="#first-part">#</a></h2>');
    expect(toc).toEqual([
      { depth: 2, id: 'first-part', text: 'First part' },
      { depth: 3, id: 'détails--more', text: 'Détails & more' },
    ]);
  });

  it('escapes inline code and code blocks, highlighted or not', async () => {
    const source = 'Use `<script>alert(1)</script>`.\n\n```html\n<script>alert(2)</script>\n```\n\n```\n</code></pre><b>x</b>\n```\n\n```nosuchlang\n<i>y</i>\n```';
    const { html } = await renderMarkdown(source, context('posts/a.md'));
    expect(html).not.toMatch(/<script>|<b>x<\/b>|<i>y<\/i>/);
    expect(html).toContain('<code>&#x3C;script>alert(1)&#x3C;/script></code>');
    expect(html).toContain('class="shiki');
    expect(html).toContain('--shiki-dark');
  });

  it('highlights at build time with both themes and no script', async () => {
    const { html } = await renderMarkdown('```ts\nconst x: number = 1;\n```', context('posts/a.md'));
    expect(html).toMatch(/<pre class="shiki shiki-themes github-light github-dark"/);
    expect(html).toMatch(/<span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">const<\/span>/);
  });

  it('marks external links rel="noopener" and leaves internal ones alone', async () => {
    const { html } = await renderMarkdown('[a](https://example.org/x) [b](/tags/) [c](#top) [d](mailto:a@b.c)', context('posts/a.md'));
    expect(html).toContain('<a href="https://example.org/x" rel="noopener">a</a>');
    expect(html).toContain('<a href="/tags/">b</a>');
    expect(html).toContain('<a href="#top">c</a>');
  });

  it('rewrites links to content files and co-located files, under a base path', async () => {
    const { html, brokenLinks } = await renderMarkdown(
      '[o](./other.md#part) [f](./folder/index.md) [g](folder/) [p](../pages/about.md) ![d](./folder/diagram.png) [s](/archive/) <img src="/logo.png">',
      context('posts/a.md', '/blog'),
    );
    expect(html).toContain('href="/blog/posts/other/#part"');
    expect(html).toContain('<a href="/blog/posts/folder/">f</a>');
    expect(html).toContain('<a href="/blog/posts/folder/">g</a>');
    expect(html).toContain('href="/blog/about/"');
    expect(html).toContain('src="/blog/posts/folder/diagram.png"');
    expect(html).toContain('href="/blog/archive/"');
    expect(html).toContain('<img src="/blog/logo.png">');
    expect(brokenLinks).toEqual([]);
  });

  it('reports relative links to nothing', async () => {
    const { brokenLinks } = await renderMarkdown('Text\n\n[x](./missing.md) ![y](pic.png)', context('posts/a.md'));
    expect(brokenLinks).toEqual([
      { url: './missing.md', target: 'posts/missing.md', line: 3, column: 1 },
      { url: 'pic.png', target: 'posts/pic.png', line: 3, column: 19 },
    ]);
  });

  it('derives the first paragraph, words and reading time', async () => {
    const body = `# Title\n\nThe *first* paragraph,\nwrapped.\n\n${'word '.repeat(600)}`;
    const result = await renderMarkdown(body, context('posts/a.md'));
    expect(result.firstParagraph).toBe('The first paragraph, wrapped.');
    expect(result.words).toBeGreaterThan(600);
    expect(result.readingMinutes).toBe(3);
  });
});

describe('resolveUrl', () => {
  it('keeps URLs with a scheme, protocol-relative URLs and fragments', () => {
    for (const url of ['https://x.y/', 'mailto:a@b', '//cdn.example/x.js', '#frag', 'data:image/png;base64,AA']) {
      expect(resolveUrl(url, context('posts/a.md', '/b'))).toBe(url);
    }
  });
});
