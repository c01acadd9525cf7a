import { tsWorker } from '../ts-worker';
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

/** Renders files of the shared list until none are left; the renderings by memo key. */
export async function drainFiles({ jobs, targets, counter }: ThreadInput): Promise<[string, Rendering][]> {
  const resolvers = linkResolvers(targets);
  const done: [string, Rendering][] = [];
  for (let i = Atomics.add(counter, 0, 1); i < jobs.length; i = Atomics.add(counter, 0, 1)) {
    const job = jobs[i]!;
    done.push([job.key, await renderFile(job, targets, resolvers)]);
  }
  return done;
}

function renderOnWorker(input: ThreadInput): Promise<[string, Rendering][]> {
  return new Promise((resolve, reject) => {
    const worker = tsWorker(new URL('./render-thread.ts', import.meta.url), input);
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`markdown render thread exited with code ${code}`)));
  });
}

/** Renders `jobs` on `threads` threads (this one and `threads - 1` workers); the renderings by memo key. */
export async function renderOnThreads(jobs: FileToRender[], targets: LinkTargets, threads: number): Promise<Map<string, Rendering>> {
  const workers = jobs.length >= MIN_FILES_FOR_THREADS ? Math.max(0, threads - 1) : 0;
  const input: ThreadInput = { jobs, targets, counter: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
  const results = await Promise.all([...Array.from({ length: workers }, () => renderOnWorker(input)), drainFiles(input)]);
  return new Map(results.flat());
}
