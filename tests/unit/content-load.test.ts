import { describe, expect, it } from 'vitest';
import { ContentError, type ContentIssue } from '@/lib/content/errors';
import { loadContent } from '@/lib/content/load';
import { buildContent } from '@/lib/content';
import { makeContentDir, md, siteFor } from '../helpers/content';

/** The ContentError a content folder produces (fails the test when it loads cleanly). */
async function errorsOf(files: Record<string, string | Buffer>): Promise<ContentError> {
  const dir = makeContentDir(files);
  try {
    await loadContent(siteFor(dir));
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('loading valid content', () => {
  it('reads posts and pages in both layouts with their fields', async () => {
    const dir = makeContentDir({
      'posts/flat.md': md('title: Flat\ndate: 2025-01-06\ntags: [Web Dev, web dev, Notes]', 'First paragraph of *flat*.\n\nSecond.'),
      'posts/folder/index.md': md('title: Folder\ndescription: Given.\ndate: 2025-02-01T10:00\nupdated: 2025-02-03\nimage: ./cover.png\nauthor: Ada', '![x](./img/shot.png)'),
      'posts/folder/cover.png': Buffer.from('png'),
      'posts/folder/img/shot.png': Buffer.from('png'),
      'pages/about.md': md('title: About\ndate: 2024-12-01'),
    });
    const entries = await loadContent(siteFor(dir));
    const flat = entries.find((e) => e.slug === 'flat')!;
    expect(flat).toMatchObject({ kind: 'post', file: 'posts/flat.md', path: '/posts/flat/', description: 'First paragraph of flat.', visibility: 'listed' });
    expect(flat.tags).toEqual([{ name: 'Web Dev', slug: 'web-dev' }, { name: 'Notes', slug: 'notes' }]);
    expect(flat.author.name).toBe('The mdsite authors');
    expect(flat.date).toEqual({ instant: new Date('2025-01-05T23:00:00Z'), dateOnly: true });

    const folder = entries.find((e) => e.slug === 'folder')!;
    expect(folder).toMatchObject({ file: 'posts/folder/index.md', description: 'Given.', image: '/posts/folder/cover.png', author: { name: 'Ada' } });
    expect(folder.updated?.instant.toISOString()).toBe('2025-02-02T23:00:00.000Z');
    expect(folder.assets.map((a) => a.name).sort()).toEqual(['cover.png', 'img/shot.png']);
    expect(folder.html).toContain('src="/posts/folder/img/shot.png"');

    expect(entries.find((e) => e.slug === 'about')).toMatchObject({ kind: 'page', path: '/about/' });
  });

  it('applies the publication rule to every list', async () => {
    const dir = makeContentDir({
      'posts/old.md': md('title: Old\ndate: 2025-01-01\ntags: [a]'),
      'posts/draft.md': md('title: Draft\ndate: 2025-01-02\ndraft: true\ntags: [a]'),
      'posts/future.md': md('title: Future\ndate: 2026-01-02\ntags: [a]'),
      'posts/secret.md': md('title: Secret\ndate: 2025-01-03\nunlisted: true\ntags: [a, only-secret]'),
      'pages/hidden.md': md('title: Hidden page\ndate: 2025-01-03\nunlisted: true'),
    });
    const site = siteFor(dir);
    const content = buildContent(site, await loadContent(site));
    expect(content.posts.map((p) => p.slug)).toEqual(['secret', 'old']);
    expect(content.listedPosts.map((p) => p.slug)).toEqual(['old']);
    expect(content.tags.map((t) => [t.tag.slug, t.posts.map((p) => p.slug)])).toEqual([['a', ['old']]]);
    expect(content.pages.map((p) => p.slug)).toEqual(['hidden']);
    expect(content.listedPages).toEqual([]);
    expect(content.all.find((e) => e.slug === 'draft')?.html).toBe('');

    const dev = siteFor(dir, { NODE_ENV: 'development' });
    const preview = buildContent(dev, await loadContent(dev));
    expect(preview.listedPosts.map((p) => [p.slug, p.preview])).toEqual([['future', 'scheduled'], ['draft', 'draft'], ['old', undefined]]);
  });
});

describe('bad content', () => {
  it('reports an unknown key with its line, column and a suggestion', async () => {
    const error = await errorsOf({ 'posts/a.md': md('title: A\ndate: 2025-01-01\ndraf: true') });
    expect(error.issues).toEqual([
      { file: 'posts/a.md', line: 4, column: 1, field: 'draf', message: 'unknown field. Did you mean "draft"? Fix the spelling or remove it.' },
    ]);
    expect(error.message).toContain('posts/a.md:4:1  draf: unknown field. Did you mean "draft"?');
  });

  it('reports every invalid file of the run together', async () => {
    const error = await errorsOf({
      'posts/no-title.md': md('date: 2025-01-01'),
      'posts/bad-date.md': md('title: X\ndate: 2025-02-30'),
      'posts/bad-types.md': md('title: X\ndate: 2025-01-01\ntags: web\ndraft: "yes"'),
      'posts/yaml.md': '---\ntitle: [unclosed\ndate: 2025-01-01\n---\nBody\n',
      'posts/ok.md': md('title: Fine\ndate: 2025-01-01'),
      'pages/early.md': md('title: X\ndate: 2025-01-05\nupdated: 2025-01-01'),
    });
    const byFile: Record<string, ContentIssue[]> = {};
    for (const issue of error.issues) (byFile[issue.file] ??= []).push(issue);
    expect(Object.keys(byFile).sort()).toEqual(['pages/early.md', 'posts/bad-date.md', 'posts/bad-types.md', 'posts/no-title.md', 'posts/yaml.md']);
    expect(byFile['posts/no-title.md']).toEqual([{ file: 'posts/no-title.md', field: 'title', message: 'is required: give the post a title, e.g. title: "My first post"' }]);
    expect(byFile['posts/bad-date.md']?.[0]).toMatchObject({ line: 3, column: 1, field: 'date', message: expect.stringContaining('"2025-02-30" is not a date') });
    expect(byFile['posts/bad-types.md']?.map((i) => [i.field, i.line])).toEqual([['tags', 4], ['draft', 5]]);
    expect(byFile['posts/yaml.md']?.[0]?.message).toMatch(/^malformed YAML frontmatter: /);
    expect(byFile['posts/yaml.md']?.[0]?.line).toBeGreaterThan(1);
    expect(byFile['pages/early.md']?.[0]).toMatchObject({ field: 'updated', message: expect.stringContaining('is before date') });
  });

  it('names both files of a duplicate slug', async () => {
    const error = await errorsOf({ 'posts/a.md': md('title: A\ndate: 2025-01-01'), 'posts/a/index.md': md('title: A2\ndate: 2025-01-01') });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.message).toMatch(/duplicate slug "a": posts\/a(\/index)?\.md and posts\/a(\/index)?\.md are both posts with that slug/);
    expect(error.issues[0]!.message).toContain('posts/a.md');
    expect(error.issues[0]!.message).toContain('posts/a/index.md');
  });

  it('rejects file names that are not slugs, reserved page slugs, stray files and folders without index.md', async () => {
    const error = await errorsOf({
      'posts/My Post.md': md('title: A\ndate: 2025-01-01'),
      'pages/tags.md': md('title: Tags\ndate: 2025-01-01'),
      'posts/notes.txt': 'x',
      'posts/empty/readme.txt': 'x',
    });
    const messages = error.issues.map((i) => `${i.file}: ${i.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^posts\/My Post\.md: "My Post" is not a URL slug: .* rename it to "my-post"/),
      expect.stringMatching(/^pages\/tags\.md: page slug "tags" is taken/),
      expect.stringMatching(/^posts\/notes\.txt: is not a markdown file/),
      expect.stringMatching(/^posts\/empty: folder has no index\.md/),
    ]));
  });

  it('reserves the first path segment of every route folder in app/', async () => {
    const { RESERVED_PAGE_SLUGS } = await import('@/lib/paths');
    const fs = await import('node:fs');
    const routeFolders = fs.readdirSync('app', { withFileTypes: true })
      .filter((d) => d.isDirectory() && /^[a-z0-9-]+$/.test(d.name))
      .map((d) => d.name);
    expect(routeFolders.filter((name) => !RESERVED_PAGE_SLUGS.has(name))).toEqual([]);
  });

  it('reports links and images that point to nothing, with the line in the file', async () => {
    const error = await errorsOf({
      'posts/a.md': md('title: A\ndate: 2025-01-01\nimage: ./missing.png', 'Intro.\n\nSee [b](./b.md) and [c](./c.md).'),
      'posts/b.md': md('title: B\ndate: 2025-01-01'),
    });
    expect(error.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'posts/a.md', line: 9, column: 21, message: expect.stringContaining('link "./c.md" points to nothing: read from this file it names posts/c.md, read from the page\'s URL it reaches /posts/a/c.md') }),
      expect.objectContaining({ file: 'posts/a.md', field: 'image', message: expect.stringContaining('"./missing.png" is not a file beside this post') }),
    ]));
    expect(error.issues).toHaveLength(2);
  });

  it('reports a link to a draft or future post, which production leaves out', async () => {
    const error = await errorsOf({
      'posts/a.md': md('title: A\ndate: 2025-01-01', 'See [the draft](./d.md) and [later](./later/).'),
      'posts/d.md': md('title: D\ndate: 2025-01-01\ndraft: true'),
      'posts/later/index.md': md('title: Later\ndate: 2030-01-01'),
    });
    expect(error.issues.map((i) => i.message)).toEqual([
      'link "./d.md" points to posts/d.md, which this build leaves out (a draft, or dated after the build): remove the link or publish that post first',
      'link "./later/" points to posts/later/, which this build leaves out (a draft, or dated after the build): remove the link or publish that post first',
    ]);
  });

  it('suggests a valid slug for a file name that is not one', async () => {
    const error = await errorsOf({ 'posts/My_Post (2).md': md('title: A\ndate: 2025-01-01') });
    expect(error.issues[0]!.message).toContain('rename it to "my-post-2"');
  });

  it('reports a missing content folder', async () => {
    await expect(loadContent(siteFor('/nonexistent/content'))).rejects.toThrow(/content folder not found: create it or point CONTENT_DIR at it/);
  });
});

describe('content laid out for another generator', () => {
  it('says where posts go when they sit in another folder, a year folder, a Hugo list page or a .markdown file', async () => {
    const error = await errorsOf({
      'posts/kept.md': md('title: Kept\ndate: 2025-01-01'),
      'blog/2019-01-01-old.md': md('title: Old\ndate: 2019-01-01'),
      'posts/2019/2019-02-01-year.md': md('title: Year\ndate: 2019-02-01'),
      'posts/_index.md': md('title: Posts'),
      'posts/2019-03-01-jekyll.markdown': md('title: Jekyll\ndate: 2019-03-01'),
    });
    const byFile = Object.fromEntries(error.issues.map((issue: ContentIssue) => [issue.file, issue.message]));
    expect(byFile['blog/']).toMatch(/holds 1 markdown file\(s\), which are not built: posts go in posts\//);
    expect(byFile['posts/2019']).toMatch(/holds 1 markdown file\(s\) \(2019-02-01-year\.md\).*Move each post to posts\/ itself/);
    expect(byFile['posts/_index.md']).toMatch(/Hugo list page/);
    expect(byFile['posts/2019-03-01-jekyll.markdown']).toBe('is markdown under another extension: rename it to posts/2019-03-01-jekyll.md (entries are <slug>.md files)');
  });

  it("reports Hugo shortcodes and Liquid tags outside code at their line, and leaves the ones in code alone", async () => {
    const body = [
      'Intro.',
      '',
      '{{< figure src="chart.png" title="Chart" >}}',
      '',
      'Text with {{<ref "other.md">}} inline and ![pic]({{ site.baseurl }}/assets/pic.png).',
      '',
      '{% highlight ruby %}',
      'puts 1',
      '{% endhighlight %}',
      '',
      '```',
      '{{< figure src="example.png" >}} and {% include note.html %}',
      '```',
      '',
      'Inline `{% raw %}` stays, and so does {{ a_variable }} in prose.',
    ].join('\n');
    const error = await errorsOf({ 'posts/hugo.md': md('title: Hugo\ndate: 2025-01-01', body) });
    const found = error.issues.map((issue: ContentIssue) => [issue.line, issue.column, issue.message.split(' is template syntax')[0]]);
    // md() puts the body on line 6, after the frontmatter and a blank line.
    expect(found).toEqual([
      [8, 1, 'Hugo shortcode "{{< figure src="chart.png" title="Chart" >}}"'],
      [10, 11, 'Hugo shortcode "{{<ref "other.md">}}"'],
      [10, 50, 'Liquid variable "{{ site.baseurl }}"'],
      [12, 1, 'Liquid tag "{% highlight ruby %}"'],
      [14, 1, 'Liquid tag "{% endhighlight %}"'],
    ]);
    expect(error.issues[0]!.message).toContain('write it as markdown (a figure: ![alt](image.png)');
  });

  it('drops a first line that repeats the title as a heading, and keeps any other heading', async () => {
    const dir = makeContentDir({
      'posts/repeated.md': md('title: "Hello, *world*"\ndate: 2025-01-01', '\n# Hello, world\n\nText with a [broken](./missing.md) link.\n\n# Hello, world'),
      'posts/other.md': md('title: Other\ndate: 2025-01-02', '# A different heading\n\nText.'),
    });
    const error = await loadContent(siteFor(dir)).catch((e: unknown) => e as ContentError);
    // The line is blanked, not removed: the broken link keeps its line.
    expect((error as ContentError).issues.map((i: ContentIssue) => i.line)).toEqual([9]);
    const fixed = makeContentDir({
      'posts/repeated.md': md('title: "Hello, *world*"\ndate: 2025-01-01', '\n# Hello, world\n\nText.\n\n# Hello, world'),
      'posts/other.md': md('title: Other\ndate: 2025-01-02', '# A different heading\n\nText.'),
    });
    const entries = await loadContent(siteFor(fixed));
    expect(entries.find((e) => e.slug === 'repeated')!.html.match(/<h1/g)).toHaveLength(1);
    expect(entries.find((e) => e.slug === 'repeated')!.html).toMatch(/^\s*<p>Text\.<\/p>/);
    expect(entries.find((e) => e.slug === 'other')!.html).toContain('<h1 id="a-different-heading"');
  });

  it('derives the description from the paragraphs before <!--more-->, as Hugo and Jekyll do', async () => {
    const dir = makeContentDir({
      'posts/divided.md': md('title: Divided\ndate: 2025-01-01', 'First part.\n\nSecond part.\n\n<!--more-->\n\nThe rest.'),
      'posts/plain.md': md('title: Plain\ndate: 2025-01-02', 'Only the first.\n\nNot this.'),
    });
    const entries = await loadContent(siteFor(dir));
    expect(entries.find((e) => e.slug === 'divided')!.description).toBe('First part. Second part.');
    expect(entries.find((e) => e.slug === 'plain')!.description).toBe('Only the first.');
  });
});
