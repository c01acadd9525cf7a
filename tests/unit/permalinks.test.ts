import { describe, expect, it } from 'vitest';
import { buildContent } from '@/lib/content';
import { ContentError } from '@/lib/content/errors';
import { loadContent } from '@/lib/content/load';
import { outputFiles, pathClashes } from '@/lib/outputs/registry';
import { redirects } from '@/lib/outputs/redirects';
import { DEFAULT_POST_PERMALINK, permalinkProblem, postApiPath, postCardPath, postPath } from '@/lib/paths';
import { resolveSite, type Site } from '@/lib/site';
import siteConfig from '@/site.config';
import { makeContentDir, md } from '../helpers/content';

const siteWith = (dir: string, permalink: string, timeZone = 'Europe/Berlin', keep: string[] = []): Site =>
  resolveSite({ ...siteConfig, timeZone, permalinks: { post: permalink, keep } }, { CONTENT_DIR: dir, BUILD_DATE: '2026-01-01T00:00:00Z', NODE_ENV: 'production' });

describe('permalink patterns', () => {
  it('fill :year, :month, :day and :slug', () => {
    expect(postPath(DEFAULT_POST_PERMALINK, 'hello', '2024-05-01')).toBe('/posts/hello/');
    expect(postPath('/:slug/', 'hello', '2024-05-01')).toBe('/hello/');
    expect(postPath('/:year/:month/:slug/', 'hello', '2024-05-01')).toBe('/2024/05/hello/');
    expect(postPath('/blog/:year/:month/:day/:slug/', 'hello', '2024-05-01')).toBe('/blog/2024/05/01/hello/');
  });

  it('refuse patterns that cannot publish each post at its own URL, saying why', () => {
    for (const good of ['/posts/:slug/', '/:slug/', '/:year/:month/:slug/', '/blog/:year/:month/:day/:slug/', '/:year-:month/:slug/']) {
      expect(permalinkProblem(good), good).toBeUndefined();
    }
    expect(permalinkProblem('/posts/:slug')).toMatch(/start and end with "\/"/);
    expect(permalinkProblem('/:year/:title/')).toMatch(/unknown token :title/);
    expect(permalinkProblem('/:year/:month/')).toMatch(/:slug exactly once/);
    expect(permalinkProblem('/tags/:slug/')).toMatch(/site's own pages use/);
    expect(permalinkProblem('/a/b/c/d/e/:slug/')).toMatch(/more than 5 segments/);
    expect(() => siteWith('/tmp', '/:slug')).toThrow(/permalinks\.post/);
  });
});

describe('posts under a permalink pattern', () => {
  it('take the date in the site’s time zone', async () => {
    const dir = makeContentDir({ 'posts/late.md': md('title: Late\ndate: 2024-05-31T23:30') });
    const site = siteWith(dir, '/:year/:month/:day/:slug/');
    const content = buildContent(site, await loadContent(site));
    expect(content.posts[0]!.path).toBe('/2024/05/31/late/');
  }, 60_000); // the first render starts the highlighter

  it('make a post and a page at one URL an error naming both files', async () => {
    const dir = makeContentDir({ 'posts/about.md': md('title: A post\ndate: 2024-01-01'), 'pages/about.md': md('title: A page\ndate: 2024-01-01') });
    const error = await loadContent(siteWith(dir, '/:slug/')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    const messages = (error as ContentError).issues.map((i) => `${i.file}: ${i.message}`);
    expect(messages).toEqual([expect.stringMatching(/publishes \/about\/, as (posts|pages)\/about\.md does/)]);
  });

  it('may share a slug at different URLs, each with its own card and JSON', async () => {
    const dir = makeContentDir({
      'posts/2024-05-13-weekly-notes.md': md('title: Week 20'),
      'posts/2024-05-06-weekly-notes.md': md('title: Week 19'),
      'posts/2024-05-20-weekly-notes/index.md': md('title: Week 21', '![chart](chart.png)'),
      'posts/2024-05-20-weekly-notes/chart.png': Buffer.from('png'),
    });
    const site = siteWith(dir, '/:year/:month/:day/:slug/', 'Europe/Berlin', ['/notes/:year/:month/:day/:slug/']);
    const content = buildContent(site, await loadContent(site));
    const byTitle = Object.fromEntries(content.posts.map((p) => [p.title, p]));
    // The oldest keeps the slug, so adding a newer namesake never renames an existing post's files.
    expect(Object.fromEntries(content.posts.map((p) => [p.title, [p.path, p.slug]]))).toEqual({
      'Week 19': ['/2024/05/06/weekly-notes/', 'weekly-notes'],
      'Week 20': ['/2024/05/13/weekly-notes/', 'weekly-notes-2024-05-13'],
      'Week 21': ['/2024/05/20/weekly-notes/', 'weekly-notes-2024-05-20'],
    });
    expect(byTitle['Week 21']!.html).toContain('src="/2024/05/20/weekly-notes/chart.png"');
    expect(pathClashes(content)).toEqual([]);
    const files = new Set(outputFiles(content).map(({ file }) => file.path));
    for (const slug of ['weekly-notes', 'weekly-notes-2024-05-13', 'weekly-notes-2024-05-20']) {
      expect(files).toContain(postCardPath(slug));
      expect(files).toContain(postApiPath(slug));
    }
    // Old URLs are made with the slug the URL used.
    expect(redirects(content).map((r) => [r.from, r.to])).toContainEqual(['/notes/2024/05/13/weekly-notes/', '/2024/05/13/weekly-notes/']);
  }, 60_000);

  it('make one slug at one URL an error naming both files', async () => {
    const dir = makeContentDir({ 'posts/2024-05-06-notes.md': md('title: A'), 'posts/2024-05-13-notes.md': md('title: B') });
    const error = (await loadContent(siteWith(dir, '/:year/:month/:slug/')).catch((e: unknown) => e)) as ContentError;
    expect(error).toBeInstanceOf(ContentError);
    expect(error.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^duplicate slug "notes": posts\/2024-05-0\d-notes\.md and posts\/2024-05-1\d-notes\.md are both posts/)]);
  });

  it('make a post at a URL of the site’s own pages an error', async () => {
    const dir = makeContentDir({ 'posts/archive.md': md('title: Archive post\ndate: 2024-01-01') });
    const error = (await loadContent(siteWith(dir, '/:slug/')).catch((e: unknown) => e)) as ContentError;
    expect(error.issues.map((i) => i.message)).toEqual([expect.stringContaining('publishes /archive/, which the site\'s own pages use')]);
  });
});

describe('relative links between posts', () => {
  it('resolve as a browser reads them from the page URL, and name both readings when neither lands', async () => {
    const dir = makeContentDir({
      'posts/a.md': md('title: A\ndate: 2024-01-02', 'See [the bundle](../bundle-post/) and [nothing](../gone/).'),
      'posts/bundle-post/index.md': md('title: Bundle\ndate: 2024-01-01'),
    });
    const error = (await loadContent(siteWith(dir, DEFAULT_POST_PERMALINK)).catch((e: unknown) => e)) as ContentError;
    expect(error).toBeInstanceOf(ContentError);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ file: 'posts/a.md', line: 6 });
    expect(error.issues[0]!.message).toBe('link "../gone/" points to nothing: read from this file it names gone/, read from the page\'s URL it reaches /posts/gone/, and neither is published. Fix the path, or use a site path starting with "/"');
  }, 60_000);
});
