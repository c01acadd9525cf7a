import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { imageSize } from 'image-size';
import { afterAll, describe, expect, it } from 'vitest';
import { cardKey, ogCacheDir } from '@/lib/og/cache';
import type { CardData } from '@/lib/og/cards';
import { MIN_CARDS_FOR_WORKERS, prerenderCards, prerenderSummary, renderOnWorker } from '@/lib/og/prerender';
import { newJobCounters } from '@/lib/og/render-jobs';
import { createProgress } from '@/lib/progress';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'og-cache-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const colors = { background: '#ffffff', foreground: '#1b1f24', muted: '#5b6470', accent: '#0b5fce' };
const card = (n: number): CardData => ({
  kind: 'post', siteName: 'mdsite', language: 'en', host: 'example.com', title: `Post number ${n}`,
  date: 'March 1, 2025', readingTime: `${n} min read`, tags: [`tag${n}`], colors,
});
const count = MIN_CARDS_FOR_WORKERS + 30;
const cards = Array.from({ length: count }, (_, i) => card(i + 1));
const listing = () => fs.readdirSync(dir).sort().map((f) => `${f}:${fs.statSync(path.join(dir, f)).mtimeMs}`);

describe('pre-render and cache', () => {
  it('renders every missing card once with the main thread and a worker sharing the list, and shows progress', async () => {
    const lines: string[] = [];
    const stream = { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream;
    const progress = (total: number) => createProgress({ label: 'Open Graph cards', total, stream, interactive: false, intervalMs: 0 });
    const result = await prerenderCards([...cards, cards[0]!], { dir, threads: 2, progress });
    expect(result.cards).toBe(count);
    expect(result.rendered).toHaveLength(count);
    expect(result.threads).toBe(2);
    // How the cards split between threads depends on the machine's load; each is rendered once.
    expect(new Set(result.rendered.map((r) => r.key)).size).toBe(count);
    expect(result.cached).toBe(0);
    expect(prerenderSummary(result)).toMatch(new RegExp(`^Open Graph cards: ${count} rendered in \\d+ ms on 2 threads, 0 from cache$`));
    for (const c of cards) {
      expect(imageSize(fs.readFileSync(path.join(dir, `${cardKey(c)}.png`)))).toMatchObject({ type: 'png', width: 1200, height: 630 });
    }
    // Counts on the way (the main thread's timer runs between its cards), then the total.
    const counts = lines.slice(0, -1).map((line) => Number(/ (\d+)\/\d+ /.exec(line)?.[1]));
    expect(counts.length).toBeGreaterThan(1);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(lines.at(-1)).toMatch(new RegExp(`^Open Graph cards ${count}/${count} in `));
  }, 60_000);

  it('renders cards on a worker thread into the cache', async () => {
    const workerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'og-worker-'));
    try {
      const jobs = cards.slice(0, 3).map((c) => ({ key: cardKey(c), card: c }));
      const done = await renderOnWorker({ dir: workerDir, jobs, counters: newJobCounters() });
      expect(done.map((d) => d.key)).toEqual(jobs.map((j) => j.key));
      expect(done.every((d) => d.thread !== 0)).toBe(true);
      for (const { key } of jobs) {
        expect(imageSize(fs.readFileSync(path.join(workerDir, `${key}.png`)))).toMatchObject({ type: 'png', width: 1200, height: 630 });
      }
    } finally {
      fs.rmSync(workerDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('renders nothing and writes nothing when every card is cached', async () => {
    const before = listing();
    const result = await prerenderCards(cards, { dir, threads: 2 });
    expect(result.rendered).toEqual([]);
    expect(result.cached).toBe(count);
    expect(prerenderSummary(result)).toBe(`Open Graph cards: 0 rendered, ${count} from cache`);
    expect(listing()).toEqual(before);
  });

  it('renders only the card whose data changed, on the main thread alone', async () => {
    const result = await prerenderCards([...cards.slice(1), { ...cards[0]!, title: 'Renamed post' }], { dir, threads: 2 });
    expect(result.rendered.map((r) => r.title)).toEqual(['Renamed post']);
    expect(result.threads).toBe(1);
  });

  it('lives in OG_CACHE_DIR, or .cache/og in the project', () => {
    expect(ogCacheDir({ OG_CACHE_DIR: '/tmp/x' })).toBe('/tmp/x');
    expect(ogCacheDir({})).toBe(path.resolve('.cache/og'));
  });
});
