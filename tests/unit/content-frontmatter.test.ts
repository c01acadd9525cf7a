import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import rawConfig from '@/site.config';
import { ContentError } from '@/lib/content/errors';
import { readFrontmatter } from '@/lib/content/frontmatter';
import { loadContent } from '@/lib/content/load';
import { tagSlug } from '@/lib/content/tags';
import { ConfigError, resolveSite } from '@/lib/site';
import { makeContentDir, md } from '../helpers/content';

const ENV = { NODE_ENV: 'production', BUILD_DATE: '2026-01-01T00:00:00Z' };
const siteWith = (dir: string, frontmatter: object = {}) => resolveSite({ ...rawConfig, frontmatter }, { ...ENV, CONTENT_DIR: dir });
const load = (files: Record<string, string | Buffer>, frontmatter: object = {}) => loadContent(siteWith(makeContentDir(files), frontmatter));

async function issuesOf(files: Record<string, string | Buffer>, frontmatter: object = {}) {
  try {
    await load(files, frontmatter);
  } catch (error) {
    if (error instanceof ContentError) return error.issues;
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('frontmatter formats', () => {
  it('reads YAML, TOML and JSON to the same values, with the body and its line offset', () => {
    const yaml = readFrontmatter('---\ntitle: A\ndate: 2024-05-01\ntags: [x]\n---\n\nBody\n');
    const toml = readFrontmatter('+++\ntitle = "A"\ndate = 2024-05-01\ntags = ["x"]\n+++\n\nBody\n');
    const json = readFrontmatter('{\n  "title": "A",\n  "date": "2024-05-01",\n  "tags": ["x"]\n}\n\nBody\n');
    for (const result of [yaml, toml, json]) {
      expect(result.ok && result.frontmatter.data).toEqual({ title: 'A', date: '2024-05-01', tags: ['x'] });
      expect(result.ok && result.frontmatter.body).toBe('\nBody\n');
    }
    expect(yaml.ok && yaml.frontmatter.bodyLineOffset).toBe(5);
    expect(json.ok && json.frontmatter.bodyLineOffset).toBe(5);
    // YAML's core schema: dates stay the text written; TOML dates become that text too.
    expect(readFrontmatter('+++\nd = 2024-05-01T10:00:00+02:00\nl = 2024-05-01T10:00:00\n+++\n')).toMatchObject({
      frontmatter: { data: { d: '2024-05-01T10:00:00+02:00', l: '2024-05-01T10:00:00' } },
    });
  });

  it('locates keys in every format, nested ones too', () => {
    const toml = readFrontmatter('+++\ntitle = "A"\n\n[taxonomies]\n  tags = ["x"]\n+++\n');
    expect(toml.ok && toml.frontmatter.locate(['taxonomies', 'tags'])).toEqual({ line: 5, column: 3 });
    expect(toml.ok && toml.frontmatter.locate(['title'])).toEqual({ line: 2, column: 1 });
    const json = readFrontmatter('{\n  "title": "A",\n  "tags": ["x", 3]\n}\n');
    expect(json.ok && json.frontmatter.locate(['tags', 1])).toEqual({ line: 3, column: 17 });
  });

  it('reports malformed TOML and JSON with file:line:column', async () => {
    const issues = await issuesOf({
      'posts/toml.md': '+++\ntitle = "A"\ndate = \n+++\nBody\n',
      'posts/json.md': '{\n  "title": "A"\n  "date": "2024-01-01"\n}\nBody\n',
      'posts/open.md': '+++\ntitle = "A"\nBody\n',
    });
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'posts/toml.md', line: 3, message: expect.stringMatching(/^malformed TOML frontmatter: /) }),
      expect.objectContaining({ file: 'posts/json.md', line: 3, column: 3, message: expect.stringMatching(/^malformed JSON frontmatter: .*Check the commas and quotes/) }),
      expect.objectContaining({ file: 'posts/open.md', message: expect.stringContaining('add a "+++" line') }),
    ]));
  });

  it('reports a TOML value of the wrong type at its line', async () => {
    const issues = await issuesOf({ 'posts/a.md': '+++\ntitle = "A"\ndate = 2024-01-01\ndraft = "no"\n+++\n' });
    expect(issues).toEqual([expect.objectContaining({ file: 'posts/a.md', line: 4, column: 1, field: 'draft', message: 'must be true or false' })]);
  });
});

describe('declared frontmatter in site.config.ts', () => {
  it('keeps declared fields, renames onto built-in ones and drops ignored keys', async () => {
    const [entry] = await load(
      { 'posts/a.md': md('title: A\npubDate: 2024-05-01\nspoiler: Short.\nyoutube: https://example.com/v\nweight: 3') },
      { fields: { youtube: z.url() }, rename: { pubDate: 'date', spoiler: 'description' }, ignore: ['weight'] },
    );
    expect(entry).toMatchObject({ description: 'Short.', fields: { youtube: 'https://example.com/v' } });
    expect(entry!.date?.instant.toISOString()).toBe('2024-04-30T22:00:00.000Z');
  });

  it('reports an invalid declared field and a renamed field under the key the file uses', async () => {
    const issues = await issuesOf(
      { 'posts/a.md': md('title: A\ndate: 2024-05-01\nyoutube: not a url\nlastmod: yesterday') },
      { fields: { youtube: z.url() }, rename: { lastmod: 'updated' } },
    );
    expect(issues.map((i) => [i.line, i.field, i.message.slice(0, 30)])).toEqual([
      [4, 'youtube', expect.stringContaining('Invalid URL')],
      [5, 'lastmod', '"yesterday" is not a date: use'],
    ]);
  });

  it('names two keys that give one built-in field', async () => {
    const issues = await issuesOf({ 'posts/a.md': md('title: A\ndate: 2024-05-01\npubDate: 2024-05-02') }, { preset: 'astro' });
    expect(issues).toEqual([{ file: 'posts/a.md', line: 4, column: 1, field: 'pubDate', message: 'date and pubDate both give "date": keep one, or add one of them to frontmatter.ignore in site.config.ts' }]);
  });

  it("points an unknown field from another generator at the built-in field it means, and the preset that maps it", async () => {
    const messageOf = async (line: string) => (await issuesOf({ 'posts/a.md': md(`title: A\ndate: 2024-05-01\n${line}`) }))[0]?.message ?? '';
    expect(await messageOf('lastmod: 2024-05-02')).toContain(`frontmatter.rename: { "lastmod": 'updated' }`);
    expect(await messageOf('lastmod: 2024-05-02')).toContain(`frontmatter.preset 'hugo' maps it already.`);
    expect(await messageOf('featured_image: /a.png')).toContain(`frontmatter.rename: { "featured_image": 'image' }`);
    expect(await messageOf('publishDate: 2024-05-02')).toContain(`frontmatter.rename: { "publishDate": 'date' }`);
    expect(await messageOf('mood: calm')).toContain(`frontmatter.rename: { "mood": 'description' }`);
  });

  it('reads numbers as text where text is meant, and a Jekyll category as one name', async () => {
    const [post] = await load({ 'posts/a.md': md('title: 1984\ndate: 2024-05-01\ntags: [2020, notes]') });
    expect(post).toMatchObject({ title: '1984', tags: [{ name: '2020' }, { name: 'notes' }] });
    const [jekyll] = await load({ 'posts/b.md': md('title: B\ndate: 2024-05-01\ncategory: Web Dev\ntags: one two') }, { preset: 'jekyll' });
    expect(jekyll!.tags.map((t) => t.name)).toEqual(['Web Dev', 'one', 'two']);
  });

  it('still catches a typo with every preset', async () => {
    for (const preset of ['hugo', 'jekyll', 'astro', 'zola']) {
      const issues = await issuesOf({ 'posts/a.md': md('title: A\ndate: 2024-05-01\ndraf: true') }, { preset });
      expect(issues, preset).toEqual([{ file: 'posts/a.md', line: 4, column: 1, field: 'draf', message: 'unknown field. Did you mean "draft"? Fix the spelling or remove it.' }]);
    }
    const issues = await issuesOf({ 'posts/a.md': md('title: A\npubDate: 2024-05-01\npubDat: 2024-05-02') }, { preset: 'astro' });
    expect(issues[0]?.message).toBe('unknown field. Did you mean "pubDate"? Fix the spelling or remove it.');
  });

  it("reads Zola's TOML: [taxonomies], authors and extra", async () => {
    const [entry] = await load(
      { 'posts/a.md': '+++\ntitle = "A"\ndate = 2024-05-01\nauthors = ["Ann", "Bo"]\n[taxonomies]\ntags = ["rust"]\ncategories = ["Notes"]\n[extra]\nmood = "calm"\n+++\nBody\n' },
      { preset: 'zola' },
    );
    expect(entry).toMatchObject({ author: { name: 'Ann, Bo' }, tags: [{ name: 'rust' }, { name: 'Notes' }] });
    const issues = await issuesOf({ 'posts/a.md': '+++\ntitle = "A"\ndate = 2024-05-01\n[taxonomies]\nseries = ["x"]\n+++\n' }, { preset: 'zola' });
    expect(issues).toEqual([expect.objectContaining({ line: 5, column: 1, field: 'taxonomies.series', message: expect.stringContaining('frontmatter.fields') })]);
  });

  it('refuses a config that declares a built-in field, renames onto an unknown one or names an unknown preset', () => {
    const config = (frontmatter: object) => () => resolveSite({ ...rawConfig, frontmatter }, ENV);
    expect(config({ fields: { title: z.string() } })).toThrow(/frontmatter\.fields\.title.*built-in field/s);
    expect(config({ fields: { spoiler: 'string' } })).toThrow(/must be a zod schema/);
    expect(config({ rename: { spoiler: 'summary' } })).toThrow(/must be a built-in field/);
    expect(config({ preset: 'gatsby' })).toThrow(ConfigError);
  });
});

describe('dates and slugs from file names and fields', () => {
  it('takes the date and slug from a Jekyll-style name when the frontmatter has no date', async () => {
    const entries = await load({
      'posts/2024-05-01-my-post.md': md('title: A'),
      'posts/2024-05-02-other/index.md': md('title: B\ndate: 2024-06-01'),
    });
    expect(entries.map((e) => [e.slug, e.date?.instant.toISOString()])).toEqual([
      ['my-post', '2024-04-30T22:00:00.000Z'],
      ['other', '2024-05-31T22:00:00.000Z'],
    ]);
  });

  it('requires a date on a post only, and rejects an impossible date in a name', async () => {
    const issues = await issuesOf({ 'posts/undated.md': md('title: A'), 'posts/2024-02-30-x.md': md('title: X'), 'pages/about.md': md('title: About') });
    expect(issues).toEqual([
      { file: 'posts/2024-02-30-x.md', message: expect.stringContaining('the file name starts with "2024-02-30", which is not a date') },
      { file: 'posts/undated.md', field: 'date', message: expect.stringContaining('or start the file name with the date (2025-01-06-undated.md)') },
    ]);
  });

  it('names the key the preset reads as the date when a post has none', async () => {
    const issues = await issuesOf({ 'posts/a.md': md('title: A') }, { preset: 'astro' });
    expect(issues).toEqual([{ file: 'posts/a.md', field: 'date', message: expect.stringMatching(/^is required: add pubDate: 2025-01-06 to the frontmatter/) }]);
  });

  it('lets a slug field override the file name, and names both files of one slug', async () => {
    const issues = await issuesOf({
      'posts/first.md': md('title: A\ndate: 2024-01-01\nslug: shared'),
      'posts/2024-01-02-shared.md': md('title: B'),
      'posts/Bad Name.md': md('title: C\ndate: 2024-01-01\nslug: fine-name'),
    });
    expect(issues).toEqual([{ file: 'posts/first.md', message: expect.stringMatching(/^duplicate slug "shared": posts\/2024-01-02-shared\.md and posts\/first\.md are both posts with that slug/) }]);
  });
});

describe('tag slugs', () => {
  it('are distinct, readable and never empty', () => {
    const names = ['C', 'C#', 'C++', '🚀', '++', 'R&D', 'F#', 'C# Tips', 'Web Dev', 'Next.js 16', 'Ünïcode Tag', '日本語', '🎉 🎉'];
    const slugs = names.map(tagSlug);
    expect(slugs).toEqual(['c', 'c-sharp', 'c-plus-plus', 'rocket', 'plus-plus', 'rd', 'f-sharp', 'c-sharp-tips', 'web-dev', 'nextjs-16', 'ünïcode-tag', '日本語', 'tada-tada']);
    expect(tagSlug('\u{1F9EA}\u{200D}')).toMatch(/^[a-z0-9-]+$/);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});

describe('symbolic links and folders in the content folder', () => {
  it('refuses a link to a file outside the content folder, and never publishes its target', async () => {
    const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-secret-')), 'key.md');
    fs.writeFileSync(secret, md('title: Secret\ndate: 2024-01-01', 'PRIVATE KEY'));
    const dir = makeContentDir({ 'posts/ok/index.md': md('title: Ok\ndate: 2024-01-01') });
    fs.symlinkSync(secret, path.join(dir, 'posts/leak.md'));
    fs.symlinkSync(secret, path.join(dir, 'posts/ok/key.txt'));
    fs.symlinkSync(path.dirname(secret), path.join(dir, 'posts/ok/outside'));
    const error = await loadContent(siteWith(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    const issues = (error as ContentError).issues;
    expect(issues.map((i) => i.file).sort()).toEqual(['posts/leak.md', 'posts/ok/key.txt', 'posts/ok/outside']);
    for (const issue of issues) expect(issue.message).toMatch(/is a symbolic link to .*, outside the content folder, which is never published/);
  });

  it('follows links that stay inside the content folder, a linked folder included, and stops at a cycle', async () => {
    const dir = makeContentDir({
      'shared/pic.png': Buffer.from('png'),
      'drafts/kept/index.md': md('title: Kept\ndate: 2024-01-01', '![p](./img/pic.png)'),
    });
    fs.mkdirSync(path.join(dir, 'posts'));
    fs.symlinkSync(path.join(dir, 'drafts/kept'), path.join(dir, 'posts/kept'));
    fs.symlinkSync(path.join(dir, 'shared'), path.join(dir, 'drafts/kept/img'));
    fs.symlinkSync(path.join(dir, 'drafts/kept'), path.join(dir, 'drafts/kept/loop'));
    const [entry] = await loadContent(siteWith(dir));
    expect(entry).toMatchObject({ slug: 'kept', html: expect.stringContaining('src="/posts/kept/img/pic.png"') });
    expect(entry!.assets.map((a) => a.name)).toEqual(['img/pic.png']);
  });

  it('reports a dangling link', async () => {
    const dir = makeContentDir({ 'posts/a.md': md('title: A\ndate: 2024-01-01') });
    fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'posts/b.md'));
    await expect(loadContent(siteWith(dir))).rejects.toThrow(/posts\/b\.md  is a symbolic link whose target does not exist/);
  });
});
