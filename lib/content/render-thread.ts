import { parentPort, workerData } from 'node:worker_threads';
import { drainFiles, type ThreadInput } from './render-threads';

// Entry of a markdown render thread (render-threads.ts).

parentPort!.postMessage(await drainFiles(workerData as ThreadInput));
