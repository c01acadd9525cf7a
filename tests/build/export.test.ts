import fs from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeContentDir, md } from '../helpers/content';
import { exportSite, readOut, type BuildResult } from '../helpers/export-build';

// One fixture content folder, exported twice (at the root and under a base path), as `npm run build` does.
const posts: Record<string, string | Buffer> = {};
for (let i = 1; i <= 11; i++) {
  const day = String(i).padStart(2, '0');
  posts[`posts/filler-${day}.md`] = md(`title: Filler ${day}\ndate: 2025-01-${day}\ntags: [Notes]`, `Filler post ${i}.`);
}
const image = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const contentDir = makeContentDir({
  ...posts,
  'posts/alpha.md': md('title: Alpha & <Omega>\ndate: 2025-03-01\ntags: [Web Dev, Notes]', 'Alpha links to [beta](./beta/index.md) and [about](../pages/about.md).\n\n## Part one\n\n## Part two'),
  'posts/beta/index.md': md('title: Beta\ndate: 2025-02-15T18:30\nupdated: 2025-02-20', '![A tiny image](./image.png)\n\nBack to [alpha](../alpha.md), the [archive](/archive/).'),
  'posts/beta/image.png': image,
  'posts/draft-post.md': md('title: Secret draft title\ndate: 2025-01-20\ndraft: true\ntags: [Drafts Only]'),
  'posts/future-post.md': md('title: Secret future title\ndate: 2026-06-01\ntags: [Future Only]'),
  'posts/quiet.md': md('title: Quiet unlisted post\ndate: 2025-02-01\nunlisted: true\ntags: [Unlisted Only]'),
  'pages/about.md': md('title: About the fixture\ndate: 2024-12-01', 'About page.'),
});
const env = { CONTENT_DIR: contentDir, SITE_URL: 'https://fixture.example', BUILD_DATE: '2026-01-01T00:00:00Z' };

/** Every file below a folder, relative, with "/" separators. */
function filesOf(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
}

/** The file a static host serves for a site path (trailing-slash pages are index.html). */
function servedFile(outDir: string, sitePath: string): string {
  const clean = decodeURIComponent(sitePath.split(/[?#]/)[0]!);
  return path.join(outDir, clean.endsWith('/') ? `${clean}index.html` : clean);
}

/** Site-relative href/src values of every HTML page that point to no file. */
function brokenInternalLinks(outDir: string, basePath: string): string[] {
  const broken: string[] = [];
  for (const file of filesOf(outDir).filter((f) => f.endsWith('.html'))) {
    const $ = load(fs.readFileSync(path.join(outDir, file), 'utf8'));
    $('[href], [src]').each((_, el) => {
      const url = $(el).attr('href') ?? $(el).attr('src')!;
      if (!url.startsWith('/') || url.startsWith('//')) return;
      if (!url.startsWith(`${basePath}/`)) return void broken.push(`${file}: ${url} (no base path)`);
      if (!fs.existsSync(servedFile(outDir, url.slice(basePath.length)))) broken.push(`${file}: ${url}`);
    });
  }
  return broken;
}

describe('export build at the site root', () => {
  let build: BuildResult;
  const page = (sitePath: string) => load(fs.readFileSync(servedFile(build.outDir, sitePath), 'utf8'));
  beforeAll(async () => {
    build = await exportSite('root', { ...env, MDSITE_TRACE_CONTENT: '1' });
  });

  it('renders the content once per build: Next.js workers read the build cache, never render it again', () => {
    const reads = build.output.match(/\[content\] read from the build cache \d+ entries in \d+ ms \(pid \d+\)/g) ?? [];
    const pids = reads.map((line) => line.match(/pid (\d+)/)![1]);
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(pids).size).toBe(pids.length);
    expect(build.output).not.toMatch(/\[content\] loaded/);
    // …while dozens of pages and files were generated from it.
    const generated = Number(build.output.match(/Pages and files (\d+)\/\1 in /)?.[1]);
    expect(generated).toBeGreaterThan(20 * reads.length);
  });

  it('succeeds and writes every page kind', () => {
    expect(build.code, build.output).toBe(0);
    const files = filesOf(build.outDir);
    for (const expected of [
      'index.html', '404.html', 'page/2/index.html', 'posts/alpha/index.html', 'posts/beta/index.html',
      'posts/beta/image.png', 'posts/quiet/index.html', 'about/index.html', 'tags/index.html',
      'tags/web-dev/index.html', 'tags/notes/index.html', 'archive/index.html',
    ]) expect(files).toContain(expected);
    expect(fs.readFileSync(path.join(build.outDir, 'posts/beta/image.png'))).toEqual(image);
  });

  it('leaves drafts and future posts out entirely', () => {
    const files = filesOf(build.outDir);
    expect(files.filter((f) => /draft-post|future-post|drafts-only|future-only|_none/.test(f))).toEqual([]);
    for (const file of files.filter((f) => /\.(html|txt|json|xml)$/.test(f))) {
      const text = readOut(build.outDir, file);
      expect(text, file).not.toMatch(/Secret draft title|Secret future title/);
    }
  });

  it('builds unlisted posts with noindex but lists them nowhere', () => {
    expect(page('/posts/quiet/')('meta[name="robots"]').attr('content')).toBe('noindex, follow');
    expect(page('/posts/alpha/')('meta[name="robots"]').length).toBe(0);
    for (const list of ['/', '/page/2/', '/archive/', '/archive/2025/', '/tags/', '/tags/notes/']) {
      expect(page(list)('a[href="/posts/quiet/"]').length, list).toBe(0);
    }
    expect(filesOf(build.outDir).some((f) => f.startsWith('tags/unlisted-only'))).toBe(false);
  });

  it('paginates the home page newest first, with page 1 canonical to the home page', () => {
    const home = page('/');
    const titles = home('.post-list h2 a').map((_, a) => home(a).text()).get();
    expect(titles).toEqual(['Alpha & <Omega>', 'Beta', 'Filler 11', 'Filler 10', 'Filler 09', 'Filler 08', 'Filler 07', 'Filler 06', 'Filler 05', 'Filler 04']);
    expect(page('/page/2/')('.post-list h2 a').map((_, a) => home(a).text()).get()).toEqual(['Filler 03', 'Filler 02', 'Filler 01']);
    expect(page('/page/1/')('link[rel="canonical"]').attr('href')).toBe('https://fixture.example/');
    expect(home('a[rel="next"]').attr('href')).toBe('/page/2/');
    // The home page, and only it, names the site for search engines.
    expect(JSON.parse(home('script[type="application/ld+json"]').html()!)).toMatchObject({ '@type': 'WebSite', url: 'https://fixture.example/' });
    expect(page('/page/2/')('script[type="application/ld+json"]').length).toBe(0);
  });

  it('paginates a tag with more posts than a page holds, each page with its markdown twin', () => {
    const notes = page('/tags/notes/');
    expect(notes('.post-list h2 a').length).toBe(10);
    expect(notes('a[rel="next"]').attr('href')).toBe('/tags/notes/page/2/');
    const second = page('/tags/notes/page/2/');
    expect(second('h1').text()).toBe('Posts tagged “Notes”: page 2');
    expect(second('.post-list h2 a').map((_, a) => second(a).text()).get()).toEqual(['Filler 02', 'Filler 01']);
    expect(second('a[rel="prev"]').attr('href')).toBe('/tags/notes/');
    expect(second('link[rel="canonical"]').attr('href')).toBe('https://fixture.example/tags/notes/page/2/');
    expect(second('link[rel="alternate"][type="text/markdown"]').attr('href')).toBe('https://fixture.example/tags/notes/page/2.md');
    const twin = readOut(build.outDir, 'tags/notes/page/2.md');
    expect(twin).toContain('Page 2 of 2, 12 posts.');
    expect(twin).toContain('[Filler 01](https://fixture.example/posts/filler-01.md)');
    expect(twin).toContain('Newer posts: [page 1](https://fixture.example/tags/notes.md)');
    // A tag that fits on one page has no numbered pages, and page 1 is the tag's own URL.
    expect(filesOf(build.outDir).filter((f) => /^tags\/[^/]+\/page\//.test(f) && f.endsWith('.html'))).toEqual(['tags/notes/page/2/index.html']);
  });

  it('gives each page an absolute, trailing-slash canonical, Open Graph tags and a title', () => {
    const alpha = page('/posts/alpha/');
    expect(alpha('title').text()).toBe('Alpha & <Omega> · mdsite');
    expect(alpha('link[rel="canonical"]').attr('href')).toBe('https://fixture.example/posts/alpha/');
    expect(alpha('meta[property="og:url"]').attr('content')).toBe('https://fixture.example/posts/alpha/');
    expect(alpha('meta[property="og:type"]').attr('content')).toBe('article');
    expect(page('/tags/web-dev/')('link[rel="canonical"]').attr('href')).toBe('https://fixture.example/tags/web-dev/');
    expect(page('/about/')('link[rel="canonical"]').attr('href')).toBe('https://fixture.example/about/');
  });

  it('renders the post page: dates, tags, reading time, TOC, neighbours, JSON-LD', () => {
    const alpha = page('/posts/alpha/');
    expect(alpha('h1').text()).toBe('Alpha & <Omega>');
    expect(alpha('.meta time').first().attr('datetime')).toBe('2025-03-01');
    expect(alpha('.meta time').first().text()).toBe('March 1, 2025');
    expect(alpha('.meta').text()).toContain('1 min read');
    expect(alpha('.tags a').map((_, a) => alpha(a).attr('href')).get()).toEqual(['/tags/web-dev/', '/tags/notes/']);
    expect(alpha('.toc a').map((_, a) => alpha(a).attr('href')).get()).toEqual(['#part-one', '#part-two']);
    expect(alpha('.prose a').first().attr('href')).toBe('/posts/beta/');
    expect(alpha('.adjacent a[rel="prev"]').attr('href')).toBe('/posts/beta/');

    const ld = JSON.parse(alpha('script[type="application/ld+json"]').html()!);
    expect(ld).toMatchObject({ '@type': 'BlogPosting', headline: 'Alpha & <Omega>', url: 'https://fixture.example/posts/alpha/', datePublished: '2025-03-01T00:00:00+01:00' });

    const beta = page('/posts/beta/');
    expect(beta('.meta time').map((_, t) => beta(t).attr('datetime')).get()).toEqual(['2025-02-15T18:30:00+01:00', '2025-02-20']);
    expect(beta('.prose img').attr('src')).toBe('/posts/beta/image.png');
    expect(beta('.prose img').attr('alt')).toBe('A tiny image');
    expect([beta('.prose img').attr('width'), beta('.prose img').attr('height')]).toEqual(['1', '1']);
  });

  it('groups the archive by year', () => {
    const archive = page('/archive/');
    expect(archive('h2').map((_, h) => archive(h).text()).get()).toEqual(['2025']);
    expect(archive('.archive li').length).toBe(13);
    expect(archive('h2 a').attr('href')).toBe('/archive/2025/');
    const year = page('/archive/2025/');
    expect(year('h1').text()).toBe('Archive: 2025');
    expect(year('.archive li').length).toBe(13);
    expect(year('link[rel="canonical"]').attr('href')).toBe('https://fixture.example/archive/2025/');
    expect(year('link[rel="alternate"][type="text/markdown"]').attr('href')).toBe('https://fixture.example/archive/2025.md');
    expect(readOut(build.outDir, 'archive/2025.md')).toMatch(/^# Archive: 2025\n/);
    expect(filesOf(build.outDir).filter((f) => /^archive\/.*\.html$/.test(f)).sort()).toEqual(['archive/2025/index.html', 'archive/index.html']);
  });

  it('has no internal link, image or asset that points to nothing', () => {
    expect(brokenInternalLinks(build.outDir, '')).toEqual([]);
  });
});

describe('export build under a base path', () => {
  let build: BuildResult;
  beforeAll(async () => {
    build = await exportSite('base', { ...env, BASE_PATH: '/blog' });
  });

  it('prefixes every site-relative URL and every canonical with the base path', () => {
    expect(build.code, build.output).toBe(0);
    const $ = load(readOut(build.outDir, 'posts/beta/index.html'));
    expect($('link[rel="canonical"]').attr('href')).toBe('https://fixture.example/blog/posts/beta/');
    expect($('.prose img').attr('src')).toBe('/blog/posts/beta/image.png');
    expect($('.prose a').map((_, a) => $(a).attr('href')).get()).toEqual(['/blog/posts/alpha/', '/blog/archive/']);
    expect($('.site-title').attr('href')).toBe('/blog/');
    expect(brokenInternalLinks(build.outDir, '/blog')).toEqual([]);
  });
});

describe('export build of invalid content', () => {
  it('fails before Next.js starts, names every file, and leaves no export behind', async () => {
    const bad = makeContentDir({
      'posts/a.md': md('title: A\ndate: 2025-01-01\ndraf: true'),
      'posts/b.md': md('date: 2025-01-01'),
      'posts/c.md': md('title: C\ndate: 2025-01-01'),
      'posts/c/index.md': md('title: C again\ndate: 2025-01-01'),
    });
    const stale = path.resolve(import.meta.dirname, '../../.next-test-invalid');
    fs.mkdirSync(stale, { recursive: true });
    fs.writeFileSync(path.join(stale, 'index.html'), 'stale');

    const result = await exportSite('invalid', { ...env, CONTENT_DIR: bad });
    expect(result.code).toBe(1);
    expect(result.output).toContain('posts/a.md:4:1  draf: unknown field. Did you mean "draft"?');
    expect(result.output).toContain('posts/b.md  title: is required');
    expect(result.output).toMatch(/duplicate slug "c": (posts\/c\.md and posts\/c\/index\.md|posts\/c\/index\.md and posts\/c\.md)/);
    expect(result.output).not.toContain('Next.js');
    expect(fs.existsSync(result.outDir)).toBe(false);
  });
});
