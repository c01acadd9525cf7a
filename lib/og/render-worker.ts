import { parentPort, workerData } from 'node:worker_threads';
import { createCardFonts } from './fonts';
import { drainJobs, type RenderJob } from './render-jobs';

// Entry of a pre-render worker thread (prerender.ts).

export interface WorkerInput {
  dir: string;
  jobs: RenderJob[];
  counter: SharedArrayBuffer;
}

const { dir, jobs, counter } = workerData as WorkerInput;
parentPort!.postMessage(await drainJobs(dir, jobs, new Int32Array(counter), createCardFonts()));
