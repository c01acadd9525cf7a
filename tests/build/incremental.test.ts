import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareExports } from '@/scripts/compare-exports';
import { exportSite, removeExport, type BuildResult } from '../helpers/export-build';
import { makeContentDir, md } from '../helpers/content';

// A cold export, then edits (one post edited, one with a dated file name as Jekyll writes them
// edited, one added with a new tag, one folder post with a co-located file deleted), then an
// incremental export over it, and a cold export of the edited content: the incremental one must
// be the same site, file for file and byte for byte.

const post = (day: number, tags: string, body = 'Some text.') => md(`title: Post ${day}\ndate: 2025-01-${String(day).padStart(2, '0')}\ntags: [${tags}]`, body);
const contentDir = makeContentDir({
  ...Object.fromEntries([2, 3, 4, 6].map((d) => [`posts/p${d}.md`, post(d, d % 2 ? 'Odd' : 'Even')])),
  // Calm: a tag no edit touches, whose pages and feeds the incremental export keeps.
  'posts/p1.md': post(1, 'Odd, Calm'),
  'posts/p5/index.md': post(5, 'Odd, Folder', 'See [the notes](./notes.txt).'),
  'posts/p5/notes.txt': 'notes\n',
  'posts/2024-12-31-dated.md': md('title: Dated\ntags: [Even]', 'Its slug is "dated".'),
  'pages/about.md': md('title: About\ndate: 2024-01-01'),
});
// Two posts to a page and to a feed document, so that there are numbered pages and feed archives to keep.
const env = { CONTENT_DIR: contentDir, OG_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'og-incremental-')), POSTS_PER_PAGE: '2', FEED_ITEMS: '2' };

let first: BuildResult;
let unchanged: BuildResult;
let incremental: BuildResult;
let cold: BuildResult;

beforeAll(async () => {
  // Outside the project, like a site published from /var/www: staged in the project, then moved.
  first = await exportSite('incremental', env, { outside: true });
  unchanged = await exportSite('incremental', env, { fresh: false, outside: true });
  fs.appendFileSync(path.join(contentDir, 'posts/p3.md'), '\nAn edit.\n');
  fs.appendFileSync(path.join(contentDir, 'posts/2024-12-31-dated.md'), '\nAn edit of a dated file.\n');
  fs.writeFileSync(path.join(contentDir, 'posts/p7.md'), post(7, 'Odd, New'));
  fs.rmSync(path.join(contentDir, 'posts/p5'), { recursive: true });
  incremental = await exportSite('incremental', env, { fresh: false, outside: true });
  cold = await exportSite('incremental-cold', env);
}, 40 * 60_000);

afterAll(() => {
  for (const dir of [contentDir, env.OG_CACHE_DIR]) fs.rmSync(dir, { recursive: true, force: true });
  for (const build of [first, cold]) if (build) removeExport(build.outDir);
});

describe('an incremental export', () => {
  it('builds cold first', () => {
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/Building the whole export: no earlier export recorded/);
  });

  it('keeps the last export when nothing changed, and says so', () => {
    expect(unchanged.code, unchanged.output).toBe(0);
    expect(unchanged.output).toMatch(/Nothing changed since the last export/);
    expect(unchanged.output).not.toMatch(/next build|Next\.js/);
  });

  it('generates only what the edits touch', () => {
    expect(incremental.code, incremental.output).toBe(0);
    // p3 and dated (the oldest) edited, p7 added, p5 removed; neighbours: p2, p4 (of p3), p6 (of p7
    // and of p5), p4 (of p5), p1 (of dated).
    expect(incremental.output).toMatch(/Incremental export: 3 post\(s\) changed or added, 1 removed; generating 7 post\(s\)/);
    // Odd, Even and New (which appeared) change; Folder went away with p5; Calm is kept.
    expect(incremental.output).toMatch(/the pages and feeds of 3 of 4 tag\(s\)/);
    // Pages [p7 p6] [p4 p3] [p2 p1] [dated]: only [p2 p1] (page 3 and its twin) shows no change.
    expect(incremental.output).toMatch(/keeping 2 numbered list page\(s\), twin\(s\) and feed archive\(s\) that show no change/);
    expect(incremental.output).toMatch(/Kept \d+ files of unchanged entries/);
    // The same code as the first build: .next still holds it compiled.
    expect(incremental.output).toMatch(/next build: compile skipped/);
    expect(cold.output).not.toMatch(/compile skipped/);
  });

  it('is the same site as a cold export of the same content', () => {
    expect(cold.code, cold.output).toBe(0);
    expect(compareExports(incremental.outDir, cold.outDir)).toEqual([]);
    expect(fs.existsSync(path.join(incremental.outDir, 'posts/p5/notes.txt'))).toBe(false);
  });
});
