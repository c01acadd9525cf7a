import { Worker } from 'node:worker_threads';

// In WAL mode a checkpoint copies the log back into the database file and fsyncs it. Left to SQLite,
// it runs inside whichever commit crosses `wal_autocheckpoint` pages: one submission in a few hundred
// then holds the event loop for the fsync (5–15 ms here, far longer on a busy disk). A worker thread
// with its own connection runs them instead; the serving connection keeps a much higher automatic
// threshold only as a backstop should the worker fall behind or stop.

/** Pages the serving connection lets the log reach before it checkpoints itself (SQLite's default is 1,000). */
export const BACKSTOP_CHECKPOINT_PAGES = 20_000;

/** How often the worker checkpoints. PASSIVE never waits for a writer and costs nothing on an empty log. */
const CHECKPOINT_EVERY_MS = 250;

// CommonJS source run with `eval`: the worker needs no file of its own in the server bundle.
// better-sqlite3 is a native module Next.js leaves in node_modules, so a plain require finds it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
// A failure is reported once, not every 250 ms while it lasts.
let failing = false;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failing = false;
  } catch (error) {
    if (!failing) parentPort.postMessage({ failed: String(error && error.message || error) });
    failing = true;
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts checkpointing `file` on a worker thread; `onFailure` hears about a checkpoint that failed. */
export function startCheckpointer(file: string, onFailure: (message: string) => void): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, everyMs: CHECKPOINT_EVERY_MS } });
  // The process may exit while the worker idles between checkpoints.
  worker.unref();
  worker.on('message', (message: { failed?: string }) => message.failed && onFailure(message.failed));
  worker.on('error', (error) => onFailure(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Held again while it closes: at shutdown it may be the last thing the process waits for.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
