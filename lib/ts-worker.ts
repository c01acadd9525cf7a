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
