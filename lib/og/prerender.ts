import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { cardKey, isCached, ogCacheDir } from './cache';
import type { CardData } from './cards';
import { createCardFonts } from './fonts';
import { drainJobs, type RenderDone, type RenderJob } from './render-jobs';
import type { WorkerInput } from './render-worker';

// Renders the cards missing from the cache before `next build`, on every core: Next.js generates
// static routes in one worker on a 2-core machine, so its route handlers only read the cache.

export interface PrerenderResult {
  /** Distinct cards asked for. */
  cards: number;
  rendered: RenderDone[];
  cached: number;
  threads: number;
  ms: number;
}

/**
 * A worker needs ~0.7 s to load the renderer, about ten cards' worth: with fewer cards than this the
 * main thread alone is done first.
 */
export const MIN_CARDS_FOR_WORKERS = 16;

/** A worker thread running a TypeScript entry: tsx is registered inside the thread before the import. */
function tsWorker(entry: URL, workerData: WorkerInput): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

function runWorker(input: WorkerInput): Promise<RenderDone[]> {
  return new Promise((resolve, reject) => {
    const worker = tsWorker(new URL('./render-worker.ts', import.meta.url), input);
    worker.once('message', (done: RenderDone[]) => resolve(done));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`Open Graph render worker exited with code ${code}`)));
  });
}

export async function prerenderCards(
  cards: CardData[],
  { dir = ogCacheDir(), threads = Number(process.env.OG_THREADS) || os.availableParallelism() }: { dir?: string; threads?: number } = {},
): Promise<PrerenderResult> {
  const start = performance.now();
  const unique = new Map(cards.map((card) => [cardKey(card), card]));
  const list: RenderJob[] = [...unique].filter(([key]) => !isCached(dir, key)).map(([key, card]) => ({ key, card }));
  const workers = list.length >= MIN_CARDS_FOR_WORKERS ? Math.max(0, threads - 1) : 0;
  const counter = new SharedArrayBuffer(4);
  // The main thread renders too, alongside the workers.
  const results = await Promise.all([
    ...Array.from({ length: workers }, () => runWorker({ dir, jobs: list, counter })),
    list.length ? drainJobs(dir, list, new Int32Array(counter), createCardFonts()) : Promise.resolve([]),
  ]);
  return { cards: unique.size, rendered: results.flat(), cached: unique.size - list.length, threads: workers + 1, ms: performance.now() - start };
}

/** One line for the build log; tests read the rendered count from it. */
export function prerenderSummary(result: PrerenderResult): string {
  const rendered = result.rendered.length;
  const timing = rendered ? ` in ${Math.round(result.ms)} ms on ${result.threads} thread${result.threads === 1 ? '' : 's'}` : '';
  return `Open Graph cards: ${rendered} rendered${timing}, ${result.cached} from cache`;
}

/** Characters of card text no shipped font or emoji file draws, per card title: worth a warning. */
export function missingGlyphs(result: PrerenderResult): string[] {
  return result.rendered.filter((r) => r.missing.length).map((r) => `"${r.title}": ${[...new Set(r.missing)].join(' ')}`);
}
