import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

// The API's route handlers called in this process with a `Request`, against a temporary SQLite file:
// everything of the HTTP layer that needs no socket (status codes, headers, envelopes, CORS, rate
// limits, storage) without a `next build`. Sockets, signals and processes stay in tests/server.

export const SITE_ORIGIN = 'https://site.example.test';
export const DEFAULT_CLIENT = '192.0.2.10';

const SERVER_ENV = [
  'DATABASE_PATH', 'DATABASE_URL', 'MAX_BODY_BYTES', 'CONTACT_RATE_LIMIT', 'SUBSCRIBE_RATE_LIMIT', 'WEBHOOK_RATE_LIMIT',
  'RATE_LIMIT_IPV6_PREFIX', 'HEADERS_TIMEOUT_MS', 'BODY_TIMEOUT_MS', 'TRUST_PROXY', 'CORS_ORIGINS', 'WEBHOOK_SECRET',
  'ADMIN_TOKEN', 'CONTENT_DIR', 'SITE_URL', 'BASE_PATH',
];

type Handler = (request: Request) => Promise<Response>;
type Route = Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS', Handler>;

export interface InProcessServer {
  routes: { contact: Route; subscribe: Route; health: Route; submissions: Route; subscribers: Route; webhook: Route };
  databasePath: string;
  /** Calls the route that serves `pathname` with a request built from `init` (client address stamped as the server does). */
  fetch: (pathname: string, init?: RequestInit & { client?: string }) => Promise<Response>;
  postJson: (pathname: string, data: unknown, headers?: Record<string, string>) => Promise<Response>;
  stop: () => Promise<void>;
}

/**
 * Loads the server modules afresh with `env` as the environment (settings are read once per module
 * load) and a new SQLite file. Call stop() before loading another.
 */
export async function loadServer(env: Record<string, string> = {}): Promise<InProcessServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-inproc-'));
  const databasePath = path.join(dir, 'site.db');
  for (const key of SERVER_ENV) delete process.env[key];
  Object.assign(process.env, { SITE_URL: SITE_ORIGIN, DATABASE_PATH: databasePath, ...env });
  // A new server process starts with no memory of full rate-limit windows and no pending reloads.
  for (const name of ['mdsite.rate-limit', 'mdsite.reload-queue']) delete (globalThis as Record<symbol, unknown>)[Symbol.for(name)];
  vi.resetModules();
  const [contact, subscribe, health, admin, webhook, store, lifecycle] = await Promise.all([
    import('@/lib/server/endpoints/contact'),
    import('@/lib/server/endpoints/subscribe'),
    import('@/lib/server/endpoints/health'),
    import('@/lib/server/endpoints/admin'),
    import('@/lib/server/endpoints/content-webhook'),
    import('@/lib/server/store'),
    import('@/lib/server/http/client'),
  ]);
  const routes = {
    contact: contact.contactRoute,
    subscribe: subscribe.subscribeRoute,
    health: health.healthRoute,
    submissions: admin.adminSubmissionsRoute,
    subscribers: admin.adminSubscribersRoute,
    webhook: webhook.contentWebhookRoute,
  };
  const byPath: Record<string, Route> = {
    '/api/contact': routes.contact,
    '/api/subscribe': routes.subscribe,
    '/api/health': routes.health,
    '/api/admin/submissions': routes.submissions,
    '/api/admin/subscribers': routes.subscribers,
    '/api/webhooks/content': routes.webhook,
  };
  const call = (pathname: string, { client = DEFAULT_CLIENT, ...init }: RequestInit & { client?: string } = {}) => {
    const route = byPath[pathname.split('?')[0]!];
    if (!route) throw new Error(`no route for ${pathname}`);
    const request = new Request(`http://127.0.0.1:3000${pathname}`, { duplex: 'half', ...init } as RequestInit);
    request.headers.set(lifecycle.CLIENT_ADDRESS_HEADER, client);
    return route[(init.method ?? 'GET').toUpperCase() as keyof Route](request);
  };
  return {
    routes,
    databasePath,
    fetch: call,
    postJson: (pathname, data, headers = {}) =>
      call(pathname, { method: 'POST', body: JSON.stringify(data), headers: { 'Content-Type': 'application/json', ...headers } }),
    async stop() {
      await store.closeStore();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
