import { Worker } from 'node:worker_threads';

/**
 * A worker thread running a TypeScript entry under `npm run build` (tsx): tsx is registered inside the
 * thread before the import. Not for code Next.js bundles, which has no .ts files to start.
 */
export function tsWorker(entry: URL, workerData: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/** The one message a TypeScript worker entry posts when it is done; `name` says which in an error. */
export function runOnWorker<T>(name: string, entry: URL, workerData: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = tsWorker(entry, workerData);
    worker.once('message', (result: T) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`${name} exited with code ${code}`)));
  });
}
