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
    expect(entryKeyOfFile('posts/a.md')).toBe('post:a');
    expect(entryKeyOfFile('posts/a/index.md')).toBe('post:a');
    expect(entryKeyOfFile('posts/a/img/x.png')).toBe('post:a');
    expect(entryKeyOfFile('pages/about.md')).toBe('page:about');
    expect(entryKeyOfFile('notes.txt')).toBeUndefined();
  });

  it('an edited post and its two neighbours', async () => {
    const plan = await fiveAndAnEdit((dir) => fs.appendFileSync(path.join(dir, 'posts/p3.md'), '\nMore.\n'));
    expect(plan).toMatchObject({ incremental: true, changed: 1, removed: 0 });
    expect(plan.incremental && [...plan.regenerate].sort()).toEqual(['post:p2', 'post:p3', 'post:p4']);
  }, 60_000);

  it('a deleted post: its former neighbours, nothing of its own', async () => {
    const plan = await fiveAndAnEdit((dir) => fs.rmSync(path.join(dir, 'posts/p3.md')));
    expect(plan).toMatchObject({ incremental: true, changed: 0, removed: 1 });
    expect(plan.incremental && [...plan.regenerate].sort()).toEqual(['post:p2', 'post:p4']);
  }, 60_000);

  it('a post moved by its date: the neighbours where it was and where it is', async () => {
    const plan = await fiveAndAnEdit((dir) => fs.writeFileSync(path.join(dir, 'posts/p1.md'), post(9)));
    expect(plan.incremental && [...plan.regenerate].sort()).toEqual(['post:p1', 'post:p2', 'post:p5']);
  }, 60_000);

  it("a new tag's page: the posts of that tag link it", async () => {
    const plan = await fiveAndAnEdit((dir) => fs.writeFileSync(path.join(dir, 'posts/p1.md'), post(1, 'B')));
    // p1 changed (and its neighbour p2); tag B appeared, tag A stays.
    expect(plan.incremental && [...plan.regenerate].sort()).toEqual(['post:p1', 'post:p2']);
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
});
