import { setImmediate as nextTurn } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { writeCachedCard } from './cache';
import type { CardData } from './card-data';
import type { CardFonts } from './fonts';
import { renderCard } from './render';

export interface RenderJob {
  key: string;
  card: CardData;
}

export interface RenderDone {
  key: string;
  title: string;
  ms: number;
  /** The thread that rendered it (0: the main thread). */
  thread: number;
  /** Characters no shipped font or emoji file could draw. */
  missing: string[];
}

/** Slots of the shared counters: the next job to claim, and how many are done (for progress). */
export const NEXT_JOB = 0;
export const JOBS_DONE = 1;
export const newJobCounters = () => new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));

/**
 * Renders jobs into the cache until none are left. Every thread runs this over the same list and
 * claims the next index from a shared counter, so threads never wait on each other or on messages.
 */
export async function drainJobs(dir: string, jobs: RenderJob[], counters: Int32Array, fonts: CardFonts): Promise<RenderDone[]> {
  const done: RenderDone[] = [];
  for (let i = Atomics.add(counters, NEXT_JOB, 1); i < jobs.length; i = Atomics.add(counters, NEXT_JOB, 1)) {
    const { key, card } = jobs[i]!;
    const start = performance.now();
    const { png, missing } = await renderCard(card, fonts);
    writeCachedCard(dir, key, png);
    done.push({ key, title: card.title, ms: performance.now() - start, thread: threadId, missing });
    Atomics.add(counters, JOBS_DONE, 1);
    // resvg's pixmaps live outside the JS heap and are freed by finalizers that Node runs from the
    // event loop. A loop of promises that resolve at once never reaches it: each card's ~4 MB stayed
    // until the end (22 GB by 10,000 cards). One turn per card lets them go, and lets timers run.
    await nextTurn();
  }
  return done;
}
