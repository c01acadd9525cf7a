import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContent, type Entry } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { resolveSite } from '@/lib/site';
import { renderPostDetail } from '@/lib/outputs/api';
import { renderMarkdownTwin } from '@/lib/outputs/llms';
import astro from '../fixtures/corpora/astro/site.config';
import hugo from '../fixtures/corpora/hugo/site.config';
import jekyll from '../fixtures/corpora/jekyll/site.config';
import nextjs from '../fixtures/corpora/nextjs/site.config';

// Content written for other generators, each loaded with its own config change only (a preset or
// declared fields): the files are as those generators' users write them.

const corpus = (name: string) => path.resolve(import.meta.dirname, '../fixtures/corpora', name, 'content');

async function load(name: string, config: unknown) {
  const site = resolveSite(config, { NODE_ENV: 'production', BUILD_DATE: '2026-01-01T00:00:00Z', CONTENT_DIR: corpus(name) });
  return buildContent(site, await loadContent(site));
}

const bySlug = <E extends Entry>(entries: E[], slug: string): E => {
  const entry = entries.find((e) => e.slug === slug);
  if (!entry) throw new Error(`no entry ${slug} among ${entries.map((e) => e.slug).join(', ')}`);
  return entry;
};
const day = (entry: Entry | undefined) => entry?.date?.instant.toISOString();

describe('a Hugo site (YAML, TOML and JSON frontmatter) with preset: hugo', () => {
  it('loads every file with lastmod, categories, summary, aliases and slug mapped', async () => {
    const content = await load('hugo', hugo);
    const light = bySlug(content.all, 'first-light');
    expect(light).toMatchObject({
      description: "A cold night, a borrowed tripod and the first photograph of Saturn's rings.",
      aliases: ['/2023/03/first-light/'],
      tags: [{ name: 'astronomy', slug: 'astronomy' }, { name: 'gear', slug: 'gear' }, { name: 'Observing', slug: 'observing' }],
    });
    expect(day(light)).toBe('2023-03-04T07:00:00.000Z');
    expect(light.updated?.instant.toISOString()).toBe('2023-03-05T23:00:00.000Z');

    const tides = bySlug(content.all, 'tide-tables');
    expect(tides.tags.map((t) => [t.name, t.slug])).toEqual([
      ['C', 'c'], ['C#', 'c-sharp'], ['C++', 'c-plus-plus'], ['🚀', 'rocket'], ['Field notes', 'field-notes'],
    ]);
    expect(tides.updated?.instant.toISOString()).toBe('2023-06-12T10:00:00.000Z');
    expect(tides.html).toContain('src="/posts/tide-tables/chart.png"');

    // JSON frontmatter with a slug field that overrides the file name.
    expect(bySlug(content.all, 'night-packing-list')).toMatchObject({ file: 'posts/packing-list.md', path: '/posts/night-packing-list/' });
    // A standalone page needs no date.
    expect(bySlug(content.pages, 'about').date).toBeUndefined();
    expect(content.tags.map((t) => t.tag.slug)).not.toContain('');
  });
});

describe('a Jekyll site with preset: jekyll', () => {
  it('takes dates and slugs from file names, and keeps redirect_from and permalink', async () => {
    const content = await load('jekyll', jekyll);
    const lantern = bySlug(content.all, 'lantern-festival');
    expect(lantern).toMatchObject({
      file: 'posts/2022-11-05-lantern-festival.md',
      aliases: ['/lantern/'],
      permalink: '/travel/lantern-festival/',
      tags: [{ name: 'travel' }, { name: 'photography' }, { name: 'lanterns' }, { name: 'night' }],
    });
    expect(lantern.date).toEqual({ instant: new Date('2022-11-04T23:00:00Z'), dateOnly: true });

    const bread = bySlug(content.all, 'winter-bread');
    expect(day(bread)).toBe('2023-01-20T06:30:00.000Z');
    expect(bread).toMatchObject({ description: 'A slow rye loaf that needs two days and very little work.', aliases: ['/bread/', '/2023/winter-bread/'], tags: [{ name: 'baking' }] });

    // published: false is a draft, left out of the build.
    expect(bySlug(content.all, 'unfinished-notes')).toMatchObject({ draft: true, visibility: 'hidden' });
    // A slug every week: the permalink dates them apart; the later one's files carry its date.
    expect(content.posts.map((p) => [p.slug, p.path])).toEqual([
      ['weekly-notes-2023-03-13', '/2023/03/13/weekly-notes/'],
      ['weekly-notes', '/2023/03/06/weekly-notes/'],
      ['winter-bread', '/2023/01/20/winter-bread/'],
      ['lantern-festival', '/travel/lantern-festival/'],
    ]);
    expect(bySlug(content.pages, 'about')).toMatchObject({ permalink: '/about/' });
  });
});

describe("Astro's blog starter with preset: astro", () => {
  it('reads pubDate, updatedDate and heroImage, and month-name dates', async () => {
    const content = await load('astro', astro);
    expect(content.posts.map((p) => [p.slug, day(p)])).toEqual([
      ['markdown-style-guide', '2024-06-18T22:00:00.000Z'],
      ['using-mdx', '2023-08-14T22:00:00.000Z'],
      ['first-post', '2022-07-07T22:00:00.000Z'],
    ]);
    const guide = bySlug(content.all, 'markdown-style-guide');
    expect(guide).toMatchObject({ image: '/blog/markdown-style-guide/hero.png', description: 'Headings, lists, quotes and code as this blog shows them.' });
    expect(guide.updated?.instant.toISOString()).toBe('2024-07-01T22:00:00.000Z');
    expect(bySlug(content.all, 'first-post').image).toBe('/blog-placeholder.png');
  });
});

describe('a Next.js folder-post blog with declared fields', () => {
  it('types its own fields on the entry and lists them in the per-post JSON and the markdown twin', async () => {
    const content = await load('nextjs', nextjs);
    const quiet = bySlug(content.posts, 'the-quiet-refactor');
    expect(quiet.description).toBe('Changing a codebase without anyone noticing, on purpose.');
    expect(quiet.fields).toEqual({ youtube: 'https://www.youtube.com/watch?v=abc123', cta: 'newsletter', series: [] });
    expect(bySlug(content.posts, 'tabs-and-spaces').fields).toEqual({ cta: 'none', series: ['opinions'] });

    const json = JSON.parse(renderPostDetail(content, quiet));
    expect(json.fields).toEqual({ youtube: 'https://www.youtube.com/watch?v=abc123', cta: 'newsletter', series: [] });
    const twin = renderMarkdownTwin(content, bySlug(content.posts, 'tabs-and-spaces'));
    expect(twin).toContain('\ncta: none\nseries: opinions\n');
  });

  it('fails without the config change, naming each unknown field and how to declare it', async () => {
    await expect(load('nextjs', { ...nextjs, frontmatter: {} })).rejects.toThrow(
      /posts\/the-quiet-refactor\/index\.md:4:1  spoiler: unknown field: declare it in site\.config\.ts as frontmatter\.fields: \{ "spoiler": z\.string\(\) \}/,
    );
  });
});
