import os from 'node:os';
import { cardKey, isCached, ogCacheDir } from './cache';
import type { CardData } from './card-data';
import { createProgress, type Progress } from '../progress';
import { runOnWorker } from '../ts-worker';
import { createCardFonts } from './fonts';
import { drainJobs, JOBS_DONE, newJobCounters, type RenderDone, type RenderJob } from './render-jobs';
import type { WorkerInput } from './render-worker';
import { ensureTemplateHash } from './template-hash';

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
 * A worker needs ~0.4 s to load the renderer, the time of about 25 cards on one thread: with fewer
 * cards than this the main thread alone is done first.
 */
export const MIN_CARDS_FOR_WORKERS = 16;

/** Renders jobs of the shared list on a new worker thread until none are left. */
export const renderOnWorker = (input: WorkerInput) =>
  runOnWorker<RenderDone[]>('Open Graph render worker', new URL('./render-worker.ts', import.meta.url), input);

export interface PrerenderOptions {
  dir?: string;
  threads?: number;
  /** Progress of the cards to render, n/N with an ETA; none when omitted. */
  progress?: (total: number) => Progress;
}

/** Progress of the pre-render on standard output: one updating line on a terminal, plain lines in CI. */
export const cardProgress = (total: number) => createProgress({ label: 'Open Graph cards', total });

export async function prerenderCards(
  cards: CardData[],
  { dir = ogCacheDir(), threads = Number(process.env.OG_THREADS) || os.availableParallelism(), progress }: PrerenderOptions = {},
): Promise<PrerenderResult> {
  const start = performance.now();
  await ensureTemplateHash();
  const unique = new Map(cards.map((card) => [cardKey(card), card]));
  const list: RenderJob[] = [...unique].filter(([key]) => !isCached(dir, key)).map(([key, card]) => ({ key, card }));
  const workers = list.length >= MIN_CARDS_FOR_WORKERS ? Math.max(0, threads - 1) : 0;
  const counters = newJobCounters();
  const shown = list.length ? progress?.(list.length) : undefined;
  // Workers count what they finish in shared memory; the main thread, which renders too, turns the
  // event loop after each card, so this timer runs between its cards.
  const ticker = shown && setInterval(() => shown.update(Atomics.load(counters, JOBS_DONE)), 100);
  try {
    const results = await Promise.all([
      ...Array.from({ length: workers }, () => renderOnWorker({ dir, jobs: list, counters })),
      list.length ? drainJobs(dir, list, counters, createCardFonts()) : Promise.resolve([]),
    ]);
    shown?.finish();
    return { cards: unique.size, rendered: results.flat(), cached: unique.size - list.length, threads: workers + 1, ms: performance.now() - start };
  } finally {
    clearInterval(ticker);
  }
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
