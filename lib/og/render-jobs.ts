import { threadId } from 'node:worker_threads';
import { writeCachedCard } from './cache';
import type { CardData } from './cards';
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

/**
 * Renders jobs into the cache until none are left. Every thread runs this over the same list and
 * claims the next index from a shared counter, so threads never wait on each other or on messages.
 */
export async function drainJobs(dir: string, jobs: RenderJob[], counter: Int32Array, fonts: CardFonts): Promise<RenderDone[]> {
  const done: RenderDone[] = [];
  for (let i = Atomics.add(counter, 0, 1); i < jobs.length; i = Atomics.add(counter, 0, 1)) {
    const { key, card } = jobs[i]!;
    const start = performance.now();
    const seen = fonts.requests.length;
    writeCachedCard(dir, key, await renderCard(card, fonts));
    const missing = fonts.requests.slice(seen).flatMap((r) => r.missing);
    done.push({ key, title: card.title, ms: performance.now() - start, thread: threadId, missing });
  }
  return done;
}
