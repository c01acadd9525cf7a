import { parentPort, workerData } from 'node:worker_threads';
import { createCardFonts } from './fonts';
import { drainJobs, type RenderJob } from './render-jobs';

// Entry of a pre-render worker thread (prerender.ts).

export interface WorkerInput {
  dir: string;
  jobs: RenderJob[];
  counters: Int32Array;
}

const { dir, jobs, counters } = workerData as WorkerInput;
parentPort!.postMessage(await drainJobs(dir, jobs, counters, createCardFonts()));
