import { threadId } from 'node:worker_threads';
import { runOnWorker } from '../ts-worker';
import { linkResolvers, renderFile, type FileToRender, type LinkTargets } from './render-file';
import type { Rendering } from './render-memo';

// Rendering markdown (shiki above all) is most of `npm run build`'s content step: the build renders
// the files its memo lacks on every core, the main thread included. Each thread claims the next file
// from a shared counter, so none waits on another. Rendering is a pure function of the file's data,
// so which thread renders a file does not change a byte.

export interface ThreadInput {
  jobs: FileToRender[];
  targets: LinkTargets;
  /** Slot 0: the index of the next file to claim. */
  counter: Int32Array;
}

/**
 * A thread needs about a second to load the renderer (shiki's grammars and themes): with fewer files
 * than this the main thread alone is done first.
 */
export const MIN_FILES_FOR_THREADS = 64;

/** A file's rendering, and the thread that made it (0: the main thread). */
export type Rendered = { key: string; rendering: Rendering; thread: number };

/** The entry of a render thread: it drains the list it is given (render-thread.ts). */
export const RENDER_THREAD_ENTRY = new URL('./render-thread.ts', import.meta.url);

/** Renders files of the shared list until none are left. */
export async function drainFiles({ jobs, targets, counter }: ThreadInput): Promise<Rendered[]> {
  const resolvers = linkResolvers(targets);
  const done: Rendered[] = [];
  for (let i = Atomics.add(counter, 0, 1); i < jobs.length; i = Atomics.add(counter, 0, 1)) {
    const job = jobs[i]!;
    done.push({ key: job.key, rendering: await renderFile(job, targets, resolvers), thread: threadId });
  }
  return done;
}

/**
 * Renders `jobs` on up to `threads` threads (this one and `threads - 1` workers): the renderings by
 * memo key, and how many threads rendered at least one file.
 */
export async function renderOnThreads(jobs: FileToRender[], targets: LinkTargets, threads: number): Promise<{ renderings: Map<string, Rendering>; threads: number }> {
  const workers = jobs.length >= MIN_FILES_FOR_THREADS ? Math.max(0, threads - 1) : 0;
  const input: ThreadInput = { jobs, targets, counter: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
  const done = (await Promise.all([...Array.from({ length: workers }, () => runOnWorker<Rendered[]>('markdown render thread', RENDER_THREAD_ENTRY, input)), drainFiles(input)])).flat();
  return { renderings: new Map(done.map((r) => [r.key, r.rendering])), threads: new Set(done.map((r) => r.thread)).size };
}
