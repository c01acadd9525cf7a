import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readContentCache, writeContentCache } from '@/lib/content/cache';
import { loadContent } from '@/lib/content/load';
import { readDevRenderMemo, readRenderMemo, saveDevRenderMemo, writeRenderMemo } from '@/lib/content/render-memo';
import type { FileToRender, LinkTargets } from '@/lib/content/render-file';
import { MIN_FILES_FOR_THREADS, RENDER_THREAD_ENTRY, renderOnThreads, type Rendered } from '@/lib/content/render-threads';
import { runOnWorker } from '@/lib/ts-worker';
import { codeHash, contentFileHashes, contentHash, OUTPUT_ENV, staleReason, type ExportRecord } from '@/scripts/build-inputs';
import { makeContentDir, md, siteFor } from '../helpers/content';

const tmpFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-cache-')), name);

describe('the content cache handed to build workers', () => {
  it('gives back the rendered entries, dates as dates', async () => {
    const dir = makeContentDir({ 'posts/a.md': md('title: A\ndate: 2025-01-06\nupdated: 2025-02-01\ntags: [X]', '# Hi\n\n```ts\nconst a = 1;\n```') });
    const site = siteFor(dir);
    const entries = await loadContent(site);
    const file = tmpFile('content.v8');
    writeContentCache(file, site, entries);
    const cached = readContentCache(file, site);
    expect(cached).toEqual(entries);
    expect(cached?.[0]?.date?.instant).toBeInstanceOf(Date);
    expect(cached?.[0]?.updated?.instant.getTime()).toBe(entries[0]?.updated?.instant.getTime());
  }, 60_000);

  it('is refused after a content file changes, for another build date, or another folder', async () => {
    const dir = makeContentDir({ 'posts/a.md': md('title: A\ndate: 2025-01-06') });
    const site = siteFor(dir);
    const file = tmpFile('content.v8');
    writeContentCache(file, site, await loadContent(site));
    expect(readContentCache(file, siteFor(dir, { BUILD_DATE: '2026-02-01T00:00:00Z' }))).toBeUndefined();
    expect(readContentCache(file, siteFor(makeContentDir({})))).toBeUndefined();
    fs.appendFileSync(path.join(dir, 'posts/a.md'), '\nMore.\n');
    expect(readContentCache(file, site)).toBeUndefined();
  }, 60_000);

  it('is refused when missing or not a cache file', () => {
    const site = siteFor(makeContentDir({}));
    const file = tmpFile('content.v8');
    expect(readContentCache(file, site)).toBeUndefined();
    fs.writeFileSync(file, 'not a cache');
    expect(readContentCache(file, site)).toBeUndefined();
  });
});

describe('renderings kept between loads', () => {
  const tocOf = (entries: { file: string; toc: unknown }[], file: string) => entries.find((e) => e.file === file)?.toc;

  it('render an edited file again and reuse the others, until a new entry changes what links resolve to', async () => {
    const dir = makeContentDir({
      'posts/a.md': md('title: A\ndate: 2025-01-06', '## One\n\nSee [b](b.md).'),
      'posts/b.md': md('title: B\ndate: 2025-01-07', '## Two'),
    });
    const site = siteFor(dir);
    const first = await loadContent(site);
    fs.appendFileSync(path.join(dir, 'posts/b.md'), '\n## Three\n');
    const second = await loadContent(site);
    // The same rendering object: a.md was not rendered again.
    expect(tocOf(second, 'posts/a.md')).toBe(tocOf(first, 'posts/a.md'));
    expect(tocOf(second, 'posts/b.md')).toEqual([{ depth: 2, id: 'two', text: 'Two' }, { depth: 2, id: 'three', text: 'Three' }]);

    // A new post could be what a relative link names: everything renders again.
    fs.writeFileSync(path.join(dir, 'posts/c.md'), md('title: C\ndate: 2025-01-08'));
    const third = await loadContent(site);
    expect(tocOf(third, 'posts/a.md')).not.toBe(tocOf(second, 'posts/a.md'));
    expect(tocOf(third, 'posts/a.md')).toEqual(tocOf(second, 'posts/a.md'));
  }, 60_000);

  it('are saved for the next build of the same code only', async () => {
    const dir = makeContentDir({ 'posts/a.md': md('title: A\ndate: 2025-01-06', '```ts\nconst a = 1;\n```') });
    const entries = await loadContent(siteFor(dir));
    const file = tmpFile('renderings.v8');
    writeRenderMemo(file, 'code-1');
    expect(readRenderMemo(file, 'code-2')).toBe(0);
    expect(readRenderMemo(file, 'code-1')).toBe(1);
    const again = await loadContent(siteFor(dir));
    expect(again[0]?.html).toBe(entries[0]?.html);
    fs.writeFileSync(file, 'not a memo');
    expect(readRenderMemo(file, 'code-1')).toBe(0);
  }, 60_000);

  it('are the same rendered on a render thread as file by file, and only the missing files go to the threads', async () => {
    const count = MIN_FILES_FOR_THREADS + 6;
    const files = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        `posts/p${i}.md`,
        md(`title: P${i}\ndate: 2025-01-0${(i % 9) + 1}`, `## Part ${i}\n\nSee [the next one](./p${(i + 1) % count}.md).\n\n\`\`\`ts\nconst n = ${i};\n\`\`\``),
      ]),
    );
    const dir = makeContentDir(files);
    const newProcess = () => delete (globalThis as Record<symbol, unknown>)[Symbol.for('mdsite.render-memo')];
    newProcess();
    const oneByOne = await loadContent(siteFor(dir));

    // Every file rendered on one worker thread: the thread's renderings are the same entries.
    newProcess();
    const renderingThreads = new Set<number>();
    const onWorker = async (missing: FileToRender[], targets: LinkTargets) => {
      const counter = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
      const done = await runOnWorker<Rendered[]>('test render thread', RENDER_THREAD_ENTRY, { jobs: missing, targets, counter });
      for (const { thread } of done) renderingThreads.add(thread);
      return new Map(done.map((r) => [r.key, r.rendering]));
    };
    const onThread = await loadContent(siteFor(dir), { renderMissing: onWorker });
    expect(renderingThreads.size).toBe(1);
    expect(renderingThreads.has(0)).toBe(false);
    expect(onThread).toEqual(oneByOne);
    expect(onThread[0]?.html).toMatch(/<pre class="shiki/);

    // The build's renderOnThreads gets only what the memo lacks: after an edit, that one file.
    const sent: number[] = [];
    const renderMissing = async (missing: FileToRender[], targets: LinkTargets) => {
      sent.push(missing.length);
      return (await renderOnThreads(missing, targets, 2)).renderings;
    };
    fs.appendFileSync(path.join(dir, 'posts/p3.md'), '\nEdited.\n');
    const edited = await loadContent(siteFor(dir), { renderMissing });
    expect(edited.find((e) => e.file === 'posts/p3.md')?.html).toMatch(/Edited\./);
    expect(sent).toEqual([1]);
  }, 120_000);

  it("are shared by next dev's processes and restarts through a file, saved when a load rendered something", async () => {
    const dir = makeContentDir({ 'posts/a.md': md('title: A\ndate: 2025-01-06', '## One\n\n```ts\nconst a = 1;\n```') });
    const file = tmpFile('dev-renderings.v8');
    const newProcess = () => delete (globalThis as Record<symbol, unknown>)[Symbol.for('mdsite.render-memo')];

    newProcess();
    readDevRenderMemo(file);
    const first = await loadContent(siteFor(dir));
    saveDevRenderMemo(file);
    expect(fs.existsSync(file)).toBe(true);

    // Another process starts from the file and renders nothing, so it has nothing to save.
    newProcess();
    readDevRenderMemo(file);
    fs.rmSync(file);
    const second = await loadContent(siteFor(dir));
    expect(second[0]?.html).toBe(first[0]?.html);
    saveDevRenderMemo(file);
    expect(fs.existsSync(file)).toBe(false);

    // A saved edit renders that file again, and the memo is saved with it.
    fs.writeFileSync(path.join(dir, 'posts/a.md'), md('title: A\ndate: 2025-01-06', '## Two'));
    const third = await loadContent(siteFor(dir));
    expect(third[0]?.toc).toEqual([{ depth: 2, id: 'two', text: 'Two' }]);
    saveDevRenderMemo(file);
    expect(fs.existsSync(file)).toBe(true);
  }, 60_000);
});

describe('the inputs of an export', () => {
  it('hash the content by bytes, and the code with the environment that reaches the output', () => {
    const dir = makeContentDir({ 'posts/a.md': md('title: A\ndate: 2025-01-06') });
    const before = contentHash(contentFileHashes(dir));
    expect(contentHash(contentFileHashes(dir))).toBe(before);
    fs.writeFileSync(path.join(dir, 'posts/b.md'), md('title: B\ndate: 2025-01-07'));
    expect(contentHash(contentFileHashes(dir))).not.toBe(before);

    const project = makeContentDir({ 'lib/a.ts': 'export const a = 1;\n', 'package-lock.json': '{}' });
    const code = codeHash(project, {});
    expect(codeHash(project, { UNRELATED: 'x' })).toBe(code);
    expect(codeHash(project, { SITE_URL: 'https://other.example' })).not.toBe(code);
    fs.writeFileSync(path.join(project, 'package-lock.json'), '{"lockfileVersion":3}');
    expect(codeHash(project, {})).not.toBe(code);
  });

  it('hash every environment variable the site settings read (the content folder is hashed as content)', () => {
    const read = new Set([...fs.readFileSync('lib/site.ts', 'utf8').matchAll(/\benv\.([A-Z_]+)/g)].map((m) => m[1]!));
    for (const name of ['NODE_ENV', 'CONTENT_DIR']) read.delete(name);
    expect(read.size).toBeGreaterThan(5);
    expect([...read].filter((name) => !OUTPUT_ENV.includes(name))).toEqual([]);
  });

  it('keep the last export only when code and content are the same and no scheduled post came due', () => {
    const out = makeContentDir({ 'index.html': '<!doctype html>' });
    const record: ExportRecord = { code: 'c', content: 'k', validUntil: '2026-03-01T00:00:00.000Z', files: 1 };
    const now = new Date('2026-02-01T00:00:00Z');
    expect(staleReason(out, record, 'c', 'k', now)).toBeUndefined();
    expect(staleReason(out, undefined, 'c', 'k', now)).toMatch(/no earlier export/);
    expect(staleReason(out, record, 'c2', 'k', now)).toMatch(/code/);
    expect(staleReason(out, record, 'c', 'k2', now)).toMatch(/content changed/);
    expect(staleReason(out, record, 'c', 'k', new Date('2026-03-02T00:00:00Z'))).toMatch(/scheduled post/);
    expect(staleReason(path.join(out, 'gone'), record, 'c', 'k', now)).toMatch(/gone/);
  });
});

describe('results the output check keeps per file text', () => {
  it('hold copies, not slices that keep every page text alive', async () => {
    const { scanHtml } = await import('@/scripts/check/html');
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    // 1,000 pages of 100 KB, each with one link: what is kept is the link, not the page.
    const kept = Array.from({ length: 1000 }, (_, i) => scanHtml(`<p>${'x'.repeat(100_000)}</p><a href="/posts/a-post-with-a-longer-slug-${i}/">post</a>`));
    gc();
    const retainedMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    expect(kept[999]!.references).toEqual(['/posts/a-post-with-a-longer-slug-999/']);
    // Slices would keep about 95 MB of page text.
    expect(retainedMb).toBeLessThan(20);
  });
});
