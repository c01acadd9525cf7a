import { randomBytes, timingSafeEqual } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { ConfigError } from '../site';
import { getServerConfig } from './config';
import { CLIENT_ADDRESS_HEADER } from './http/client';
import { errorFields, logger } from './log';
import { closeStore, getStore, whenStoreOpens } from './store';

/** The route a process calls on itself to reload and revalidate when another process announced a change. */
export const INTERNAL_RELOAD_PATH = '/api/internal/reload';

// Process-wide server state, on globalThis because route bundles and instrumentation each load
// their own copy of this module.
const KEY = Symbol.for('mdsite.lifecycle');
interface State {
  inFlight: number;
  draining: boolean;
  idle: (() => void)[];
  server?: Server;
  stamping: boolean;
  /** Authorizes this process's calls to its own reload route (never leaves the process). */
  internalToken: string;
}
const slot = globalThis as typeof globalThis & { [KEY]?: State };
const state = (slot[KEY] ??= { inFlight: 0, draining: false, idle: [], stamping: false, internalToken: randomBytes(32).toString('hex') });

/** Whether `token` is this process's own internal token (constant time). */
export function isInternalToken(token: string): boolean {
  const given = Buffer.from(token);
  const expected = Buffer.from(state.internalToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

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

const REQUEST_TIMEOUT_ANSWER = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/**
 * Stamps the socket address on each request before Next.js sees it, remembers the HTTP server, and
 * gives every new connection `headersTimeoutMs` to send its first request's headers: a client
 * trickling header bytes is answered 408 and closed. Kept-alive connections between requests are
 * left to Node's keep-alive timeout (closing them here raced clients reusing them). Bodies have their
 * own deadline where they are read (readBodyLimited, `bodyTimeoutMs`).
 */
function watchConnections(headersTimeoutMs: number) {
  if (state.stamping) return;
  state.stamping = true;
  const timers = new WeakMap<Socket, NodeJS.Timeout>();
  diagnostics.subscribe('net.server.socket', (message) => {
    const { socket } = message as { socket: Socket };
    const timer = setTimeout(() => {
      if (socket.destroyed) return;
      // Part of a request arrived too slowly: say so. A connection that sent nothing just closes.
      if (socket.bytesRead > 0) socket.end(REQUEST_TIMEOUT_ANSWER);
      socket.destroySoon();
    }, headersTimeoutMs).unref();
    timers.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    clearTimeout(timers.get(request.socket));
    request.headers[CLIENT_ADDRESS_HEADER] = request.socket.remoteAddress ?? 'unknown';
    state.server ??= server;
  });
}

/** Where this process answers HTTP, for calls to itself. */
function ownOrigin(): string {
  const address = state.server?.address();
  const port = address && typeof address === 'object' ? address.port : Number(process.env.PORT ?? 3000);
  const host = address && typeof address === 'object' && !['::', '0.0.0.0'].includes(address.address) ? address.address : '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Another process reloaded the content (Postgres NOTIFY): reload here too. Revalidation needs a
 * request context, so the process calls its own internal reload route.
 */
async function reloadOnAnnouncement() {
  try {
    const response = await fetch(`${ownOrigin()}${process.env.BASE_PATH?.replace(/\/$/, '') ?? ''}${INTERNAL_RELOAD_PATH}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${state.internalToken}` },
    });
    if (!response.ok) logger.error('reload announced by another process failed', { status: response.status });
  } catch (error) {
    logger.error('reload announced by another process failed', errorFields(error));
  }
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
  const config = getServerConfig();
  watchConnections(config.headersTimeoutMs);
  // npm start sets NEXT_MANUAL_SIG_HANDLE so Next.js leaves the signals to this handler.
  // `on`, not `once`: npm forwards the signal it got too, and a second one must not kill the drain.
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => void shutdown(signal));
  whenStoreOpens((store) => store.onContentChange?.(() => void reloadOnAnnouncement()));
  try {
    await getStore();
  } catch (error) {
    // The site keeps serving pages; /api/health answers 503 and the store is retried on each request.
    logger.error('database unavailable at start', errorFields(error));
  }
}
