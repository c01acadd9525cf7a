import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import { ConfigError } from '../site';
import { getServerConfig } from './config';
import { CLIENT_ADDRESS_HEADER } from './http/client';
import { errorFields, logger } from './log';
import { closeStore, getStore } from './store';

// Process-wide server state, on globalThis because route bundles and instrumentation each load
// their own copy of this module.
const KEY = Symbol.for('mdsite.lifecycle');
interface State {
  inFlight: number;
  draining: boolean;
  idle: (() => void)[];
  server?: Server;
  stamping: boolean;
}
const slot = globalThis as typeof globalThis & { [KEY]?: State };
const state = (slot[KEY] ??= { inFlight: 0, draining: false, idle: [], stamping: false });

export const isDraining = () => state.draining;

/** Counts a request as in flight until `work` settles, so shutdown can wait for it. */
export async function track<T>(work: () => Promise<T>): Promise<T> {
  state.inFlight++;
  try {
    return await work();
  } finally {
    state.inFlight--;
    if (state.inFlight === 0) state.idle.splice(0).forEach((resolve) => resolve());
  }
}

function whenIdle(timeoutMs: number): Promise<void> {
  if (state.inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => {
    state.idle.push(resolve);
    setTimeout(resolve, timeoutMs).unref();
  });
}

/** Stamps the socket address on each request before Next.js sees it, and remembers the HTTP server. */
function stampClientAddresses() {
  if (state.stamping) return;
  state.stamping = true;
  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    request.headers[CLIENT_ADDRESS_HEADER] = request.socket.remoteAddress ?? 'unknown';
    state.server ??= server;
  });
}

/** SIGTERM/SIGINT: stop accepting, let in-flight requests finish (up to 10 s), close the database, exit. */
async function shutdown(signal: string) {
  if (state.draining) return;
  state.draining = true;
  logger.info('shutting down', { signal, inFlight: state.inFlight });
  const closed = new Promise<void>((resolve) => (state.server ? state.server.close(() => resolve()) : resolve()));
  state.server?.closeIdleConnections();
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
  // Connections that turn idle after their last response are closed too, instead of waiting out keep-alive.
  const drained = whenIdle(10_000).then(() => state.server?.closeIdleConnections());
  await Promise.race([Promise.all([closed, drained]), deadline]);
  await closeStore().catch((error) => logger.error('closing the store failed', errorFields(error)));
  logger.info('stopped', { signal });
  process.exit(0);
}

/** Called once at server start (instrumentation.server.ts): migrations, client addresses, graceful stop. */
export async function startServer() {
  try {
    getServerConfig();
  } catch (error) {
    // A wrong setting stops the start with a message naming it, instead of a 500 on every request.
    if (!(error instanceof ConfigError)) throw error;
    logger.error(error.message);
    process.exit(1);
  }
  stampClientAddresses();
  // npm start sets NEXT_MANUAL_SIG_HANDLE so Next.js leaves the signals to this handler.
  // `on`, not `once`: npm forwards the signal it got too, and a second one must not kill the drain.
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => void shutdown(signal));
  try {
    await getStore();
  } catch (error) {
    // The site keeps serving pages; /api/health answers 503 and the store is retried on each request.
    logger.error('database unavailable at start', errorFields(error));
  }
}
