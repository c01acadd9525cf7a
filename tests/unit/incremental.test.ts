import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContent } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { contentFileHashes } from '@/scripts/build-inputs';
import { entryKeyOfFile, mergePrevious, planIncremental, snapshotOf } from '@/scripts/incremental';
import { makeContentDir, md, siteFor } from '../helpers/content';

const post = (day: number, tags = 'A') => md(`title: Post ${day}\ndate: 2025-01-${String(day).padStart(2, '0')}\ntags: [${tags}]`);

async function contentOf(dir: string) {
  const site = siteFor(dir);
  return buildContent(site, await loadContent(site));
}

/** Five posts, day 1 to 5 (p5 newest), and a page. */
async function fiveAndAnEdit(edit: (dir: string) => void) {
  const dir = makeContentDir({
    ...Object.fromEntries([1, 2, 3, 4, 5].map((d) => [`posts/p${d}.md`, post(d)])),
    'pages/about.md': md('title: About\ndate: 2024-01-01'),
  });
  const before = await contentOf(dir);
  const snapshot = snapshotOf(before, contentFileHashes(dir));
  edit(dir);
  const after = await contentOf(dir);
  return planIncremental(snapshot, after, contentFileHashes(dir));
}

describe('which entries an incremental export generates again', () => {
  it('maps content files to their entry', () => {
    const entryFiles = { 'posts/a.md': 'post:a', 'posts/2024-01-01-b/index.md': 'post:b', 'pages/about.md': 'page:about' };
    expect(entryKeyOfFile('posts/a.md', entryFiles)).toBe('post:a');
    expect(entryKeyOfFile('posts/2024-01-01-b/index.md', entryFiles)).toBe('post:b');
    expect(entryKeyOfFile('posts/2024-01-01-b/img/x.png', entryFiles)).toBe('post:b');
    expect(entryKeyOfFile('pages/about.md', entryFiles)).toBe('page:about');
    expect(entryKeyOfFile('posts/stray.png', entryFiles)).toBeUndefined();
    expect(entryKeyOfFile('notes.txt', entryFiles)).toBeUndefined();
  });

  it('an edited post and its two neighbours', async () => {
    const plan = await fiveAndAnEdit((dir) => fs.appendFileSync(path.join(dir, 'posts/p3.md'), '\nMore.\n'));
    expect(plan).toMatchObject({ incremental: true, changed: 1, removed: 0 });
    expect(plan.incremental && [...plan.regenerate].sort()).toEqual(['post:p2', 'post:p3', 'post:p4', 'tag:a']);
  }, 60_000);

  it('a deleted post: its former neighbours, nothing of its own', async () => {
    const plan = await fiveAndAnEdit((dir) => fs.rmSync(path.join(dir, 'posts/p3.md')));
    expect(plan).toMatchObject({ incremental: true, changed: 0, removed: 1 });
    expect(plan.incremental && [...plan.regenerate].sort()).toEqual(['post:p2', 'post:p4', 'tag:a']);
  }, 60_000);

  it('a post moved by its date: the neighbours where it was and where it is', async () => {
    const plan = await fiveAndAnEdit((dir) => fs.writeFileSync(path.join(dir, 'posts/p1.md'), post(9)));
    expect(plan.incremental && [...plan.regenerate].sort()).toEqual(['post:p1', 'post:p2', 'post:p5', 'tag:a']);
  }, 60_000);

  it("a new tag's page: the posts of that tag link it", async () => {
    const plan = await fiveAndAnEdit((dir) => fs.writeFileSync(path.join(dir, 'posts/p1.md'), post(1, 'B')));
    // p1 changed (and its neighbour p2); tag B appeared, tag A stays and lost p1.
    expect(plan.incremental && [...plan.regenerate].sort()).toEqual(['post:p1', 'post:p2', 'tag:a', 'tag:b']);
  }, 60_000);

  it('finds the entry of a file whose slug is not its name: a dated file name or a slug field', async () => {
    const dir = makeContentDir({
      'posts/2025-01-01-first.md': md('title: First'),
      'posts/2025-01-02-second/index.md': md('title: Second', '![x](x.png)'),
      'posts/2025-01-02-second/x.png': Buffer.from('png'),
      'posts/named.md': md('title: Named\ndate: 2025-01-03\nslug: other-name'),
      'posts/p4.md': post(4),
      'posts/p5.md': post(5),
    });
    const plan = async (edit: () => void) => {
      const before = await contentOf(dir);
      const snapshot = snapshotOf(before, contentFileHashes(dir));
      edit();
      return planIncremental(snapshot, await contentOf(dir), contentFileHashes(dir));
    };
    const edited = await plan(() => fs.appendFileSync(path.join(dir, 'posts/2025-01-01-first.md'), '\nMore.\n'));
    expect(edited).toMatchObject({ incremental: true, changed: 1, removed: 0 });
    expect(edited.incremental && [...edited.regenerate].sort()).toEqual(['post:first', 'post:second']);
    const picture = await plan(() => fs.writeFileSync(path.join(dir, 'posts/2025-01-02-second/x.png'), Buffer.from('png2')));
    expect(picture.incremental && [...picture.regenerate].sort()).toEqual(['post:first', 'post:other-name', 'post:second']);
    const renamed = await plan(() => fs.writeFileSync(path.join(dir, 'posts/named.md'), md('title: Named\ndate: 2025-01-03\nslug: new-name')));
    // The old slug's files go, the new slug's are generated, and both neighbours link the new URL.
    expect(renamed).toMatchObject({ incremental: true, changed: 1, removed: 1 });
    expect(renamed.incremental && [...renamed.regenerate].sort()).toEqual(['post:new-name', 'post:p4', 'post:second']);
  }, 60_000);

  it('generates again a post whose key a new namesake changes', async () => {
    const dir = makeContentDir({ 'posts/2025-01-05-notes.md': md('title: Notes of the 5th'), 'posts/p1.md': post(1) });
    const site = { ...siteFor(dir), permalinks: { post: '/:year/:month/:day/:slug/', keep: [] } };
    const load = async () => buildContent(site, await loadContent(site));
    const before = await load();
    const snapshot = snapshotOf(before, contentFileHashes(dir));
    // An older "notes" takes the bare slug; the existing one's card and JSON move to notes-2025-01-05.
    fs.writeFileSync(path.join(dir, 'posts/2025-01-03-notes.md'), md('title: Notes of the 3rd'));
    const after = await load();
    expect(after.posts.map((p) => p.slug).sort()).toEqual(['notes', 'notes-2025-01-05', 'p1']);
    const plan = planIncremental(snapshot, after, contentFileHashes(dir));
    expect(plan.incremental && [...plan.regenerate].sort()).toEqual(['post:notes', 'post:notes-2025-01-05', 'post:p1']);
  }, 60_000);

  it('keeps the tags no changed post is in, and the tags of posts that link a tag that came or went', async () => {
    const dir = makeContentDir({
      'posts/p1.md': post(1, 'Calm'),
      'posts/p2.md': post(2, 'Busy'),
      'posts/p3.md': post(3, 'Busy, Calm'),
      'posts/p4.md': post(4, 'Other'),
    });
    const plan = async (edit: () => void) => {
      const snapshot = snapshotOf(await contentOf(dir), contentFileHashes(dir));
      edit();
      const result = planIncremental(snapshot, await contentOf(dir), contentFileHashes(dir));
      return result.incremental ? [...result.regenerate].filter((key) => key.startsWith('tag:')).sort() : result.reason;
    };
    expect(await plan(() => fs.appendFileSync(path.join(dir, 'posts/p2.md'), '\nMore.\n'))).toEqual(['tag:busy']);
    // p4 moves from Other (which goes away) to Calm: both lists change.
    expect(await plan(() => fs.writeFileSync(path.join(dir, 'posts/p4.md'), post(4, 'Calm')))).toEqual(['tag:calm']);
    // p2 gains New: a new tag page, so Busy's list (which shows p2's tags) changes too.
    expect(await plan(() => fs.writeFileSync(path.join(dir, 'posts/p2.md'), post(2, 'Busy, New')))).toEqual(['tag:busy', 'tag:new']);
  }, 60_000);

  it('an entry whose file is the same but whose rendering is not: a post linking one that moved', async () => {
    // a (the oldest) links e (the newest), so a is no neighbour of e; b is a's.
    const dir = makeContentDir({
      'posts/a.md': md('title: A\ndate: 2025-01-01\ntags: [Linker]', 'See [the newest](./e.md).'),
      ...Object.fromEntries(['b', 'c', 'd', 'e'].map((slug, i) => [`posts/${slug}.md`, post(i + 2)])),
    });
    const snapshot = snapshotOf(await contentOf(dir), contentFileHashes(dir));
    fs.writeFileSync(path.join(dir, 'posts/e.md'), md('title: Post 5\ndate: 2025-01-05\nslug: e-moved\ntags: [A]'));
    const after = await contentOf(dir);
    expect(after.posts.find((p) => p.slug === 'a')!.html).toContain('/posts/e-moved/');
    const plan = planIncremental(snapshot, after, contentFileHashes(dir));
    expect(plan.incremental && [...plan.regenerate].filter((key) => !key.startsWith('keep:')).sort()).toEqual(['post:a', 'post:b', 'post:d', 'post:e-moved', 'tag:a', 'tag:linker']);
  }, 60_000);

  it('keeps the numbered home pages and site feed archives that show no change, none when the posts shift', async () => {
    // Two posts to a page and to a feed document: seven posts make pages [p7 p6] [p5 p4] [p3 p2] [p1]
    // and archives (from the oldest) 1 = [p2 p1], 2 = [p4 p3], 3 = [p6 p5].
    const dir = makeContentDir(Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`posts/p${d}.md`, post(d)])));
    const env = { POSTS_PER_PAGE: '2', FEED_ITEMS: '2' };
    const load = async () => buildContent(siteFor(dir, env), await loadContent(siteFor(dir, env)));
    const kept = async (edit: () => void) => {
      const snapshot = snapshotOf(await load(), contentFileHashes(dir));
      edit();
      const result = planIncremental(snapshot, await load(), contentFileHashes(dir));
      return result.incremental ? [...result.regenerate].filter((key) => key.startsWith('keep:')).sort() : result.reason;
    };
    const archive = (n: number) => ['atom.xml', 'feed.json', 'rss.xml'].map((f) => `keep:/feeds/archive/${n}/${f}`);
    // p4 edited: page 2 and archive 2 show it; its neighbours' entries in lists do not change.
    expect(await kept(() => fs.appendFileSync(path.join(dir, 'posts/p4.md'), '\nMore.\n'))).toEqual(
      [...archive(1), ...archive(3), 'keep:/page/3.md', 'keep:/page/3/', 'keep:/page/4.md', 'keep:/page/4/'].sort(),
    );
    // p8 added: every page holds other posts now; archives count from the oldest and stay as they were.
    expect(await kept(() => fs.writeFileSync(path.join(dir, 'posts/p8.md'), post(8)))).toEqual([...archive(1), ...archive(2), ...archive(3)].sort());
    // p9 added: a fourth archive, so every archive's navigation changes.
    expect(await kept(() => fs.writeFileSync(path.join(dir, 'posts/p9.md'), post(9)))).toEqual([]);
    // p1, the oldest, gains a tag: the last page (5) and archive 1 show it.
    const page = (n: number) => [`keep:/page/${n}.md`, `keep:/page/${n}/`];
    expect(await kept(() => fs.writeFileSync(path.join(dir, 'posts/p1.md'), post(1, 'A, Fresh')))).toEqual(
      [...page(2), ...page(3), ...page(4), ...archive(2), ...archive(3), ...archive(4)].sort(),
    );
  }, 60_000);

  it('falls back to a cold build when a page changes, saying why', async () => {
    const plan = await fiveAndAnEdit((dir) => fs.appendFileSync(path.join(dir, 'pages/about.md'), '\nMore.\n'));
    expect(plan).toEqual({ incremental: false, reason: expect.stringMatching(/pages\/about\.md changed: pages are in every page's navigation/) });
  }, 60_000);
});

describe('merging the last export into the new partial one', () => {
  it('takes the files of unchanged entries, not those of regenerated or removed ones, nor lists', async () => {
    const dir = makeContentDir({ 'posts/a.md': post(1), 'posts/b.md': post(2) });
    const content = await contentOf(dir);
    const previous = makeContentDir({
      'posts/a/index.html': 'old a', 'posts/a/index.txt': 'old a payload', 'posts/a.md': 'old twin a', 'api/posts/a.json': '{}',
      'posts/b/index.html': 'old b', 'posts/gone/index.html': 'removed', 'posts/gone.md': 'removed twin',
      'index.html': 'old home', 'rss.xml': 'old feed', '_next/static/x.js': 'old chunk',
    });
    const partial = makeContentDir({ 'posts/b/index.html': 'new b', 'index.html': 'new home', 'rss.xml': 'new feed' });
    const taken = mergePrevious(previous, partial, content, new Set(['post:b']));
    const read = (rel: string) => (fs.existsSync(path.join(partial, rel)) ? fs.readFileSync(path.join(partial, rel), 'utf8') : undefined);
    expect(taken).toBe(4);
    expect(read('posts/a/index.html')).toBe('old a');
    expect(read('posts/a/index.txt')).toBe('old a payload');
    expect(read('posts/a.md')).toBe('old twin a');
    expect(read('api/posts/a.json')).toBe('{}');
    expect(read('posts/b/index.html')).toBe('new b');
    expect(read('index.html')).toBe('new home');
    expect(read('posts/gone/index.html')).toBeUndefined();
    expect(read('posts/gone.md')).toBeUndefined();
    expect(read('_next/static/x.js')).toBeUndefined();
  }, 60_000);

  it('takes the list pages and files the plan keeps, and no other list', async () => {
    const content = await contentOf(makeContentDir({ 'posts/a.md': post(1) }));
    const previous = makeContentDir({
      'page/2/index.html': 'old 2', 'page/2/index.txt': 'old 2 payload', 'page/2.md': 'old 2 twin', 'page/3/index.html': 'old 3',
      'feeds/archive/1/rss.xml': 'old archive 1', 'feeds/archive/2/rss.xml': 'old archive 2',
    });
    const partial = makeContentDir({ 'page/3/index.html': 'new 3' });
    mergePrevious(previous, partial, content, new Set(['post:a', 'keep:/page/2/', 'keep:/page/2.md', 'keep:/feeds/archive/1/rss.xml']));
    const read = (rel: string) => (fs.existsSync(path.join(partial, rel)) ? fs.readFileSync(path.join(partial, rel), 'utf8') : undefined);
    expect(['page/2/index.html', 'page/2/index.txt', 'page/2.md', 'page/3/index.html'].map(read)).toEqual(['old 2', 'old 2 payload', 'old 2 twin', 'new 3']);
    expect(['feeds/archive/1/rss.xml', 'feeds/archive/2/rss.xml'].map(read)).toEqual(['old archive 1', undefined]);
  }, 60_000);

  it('takes the folder and twin of each tag left as it was, not those of regenerated tags nor the tag index', async () => {
    const content = await contentOf(makeContentDir({ 'posts/a.md': post(1, 'Kept'), 'posts/b.md': post(2, 'Fresh') }));
    const previous = makeContentDir({
      'tags/kept/index.html': 'old kept', 'tags/kept/page/2/index.html': 'old kept 2', 'tags/kept/rss.xml': 'old kept feed', 'tags/kept.md': 'old kept twin',
      'tags/fresh/index.html': 'old fresh', 'tags/fresh.md': 'old fresh twin', 'tags/index.html': 'old tags', 'tags.md': 'old tags twin',
    });
    const partial = makeContentDir({ 'tags/fresh/index.html': 'new fresh' });
    mergePrevious(previous, partial, content, new Set(['post:a', 'post:b', 'tag:fresh']));
    const read = (rel: string) => (fs.existsSync(path.join(partial, rel)) ? fs.readFileSync(path.join(partial, rel), 'utf8') : undefined);
    expect(['tags/kept/index.html', 'tags/kept/page/2/index.html', 'tags/kept/rss.xml', 'tags/kept.md'].map(read)).toEqual(['old kept', 'old kept 2', 'old kept feed', 'old kept twin']);
    expect(['tags/fresh/index.html', 'tags/fresh.md', 'tags/index.html', 'tags.md'].map(read)).toEqual(['new fresh', undefined, undefined, undefined]);
  }, 60_000);
});
