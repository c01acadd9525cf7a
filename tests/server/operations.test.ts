import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import Database from 'better-sqlite3';
import { parse as parseCsv } from 'csv-parse/sync';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContentDir, md } from '../helpers/content';
import { query, startPostgres, type ThrowawayPostgres } from '../helpers/postgres';
import { buildServer, startServer, type RunningServer } from '../helpers/server';

// Server mode in operation: Postgres shared by two processes, the signed content webhook, the admin
// export, the OpenAPI document and durability under kill -9. One build, real HTTP, real databases.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-ops-'));
// The server reads its own content folder, which the webhook tests edit.
const PICTURE = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const contentDir = makeContentDir({
  'posts/hello-world.md': md('title: "Hello, world"\ndate: 2025-01-01'),
  'posts/second/index.md': md('title: "Second"\ndate: 2025-02-01', '![A picture](pic.png)'),
  'posts/second/pic.png': PICTURE,
  'pages/about.md': md('title: About\ndate: 2025-01-01'),
});
const SECRET = `whsec_${Buffer.from('a test secret of thirty-two bytes').toString('base64')}`;
const ADMIN_TOKEN = 'admin-token-0123456789abcdef0123456789';
let distDir = '';
let postgres: ThrowawayPostgres;
const servers: RunningServer[] = [];

async function start(env: Record<string, string>) {
  const server = await startServer(distDir, { CONTENT_DIR: contentDir, DATABASE_PATH: path.join(tmp, 'site.db'), ...env });
  servers.push(server);
  return server;
}

const valid = { name: 'Ada Lovelace', email: 'ada@example.com', message: 'Hello.' };
const postJson = (server: RunningServer, route: string, data: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${route}`, { method: 'POST', body: JSON.stringify(data), headers: { 'Content-Type': 'application/json', ...headers } });

beforeAll(async () => {
  const build = await buildServer('server-ops', { CONTENT_DIR: contentDir });
  if (build.code !== 0) throw new Error(build.output);
  distDir = build.distDir;
  postgres = await startPostgres();
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  postgres?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(contentDir, { recursive: true, force: true });
});

describe('Postgres', () => {
  it('serves two processes from one database, with one shared rate limit', async () => {
    const url = await postgres.createDatabase('shared');
    const env = { DATABASE_URL: url, CONTACT_RATE_LIMIT: '5/60' };
    const [a, b] = [await start(env), await start(env)];
    for (const server of [a!, b!]) expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok' });

    // 12 requests at once, alternating between the processes: together they allow 5, never more.
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => postJson(i % 2 ? a! : b!, '/api/contact', valid).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);

    const rows = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM submissions');
    expect(Number(rows[0]!.n)).toBe(5);
    expect((await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)).toEqual([1, 2, 3, 4]);

    for (const server of [a!, b!, a!]) expect((await postJson(server, '/api/subscribe', { email: 'Grace@example.com' })).status).toBe(202);
    expect(await query(url, 'SELECT email FROM subscribers')).toEqual([{ email: 'grace@example.com' }]);
    await Promise.all([a!.stop('SIGTERM'), b!.stop('SIGTERM')]);
  });

  it('answers 503 with Retry-After, never 500, when Postgres stops under a running server', async () => {
    const own = await startPostgres();
    try {
      const url = await own.createDatabase('stopping');
      const server = await start({ DATABASE_URL: url, ADMIN_TOKEN, CONTACT_RATE_LIMIT: '1000/60' });
      expect((await postJson(server, '/api/contact', valid)).status).toBe(201);
      own.stop();
      const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
      const answers = [
        await postJson(server, '/api/contact', valid),
        await postJson(server, '/api/subscribe', { email: 'down@example.com' }),
        await fetch(`${server.url}/api/admin/submissions`, { headers: auth }),
        await fetch(`${server.url}/api/admin/subscribers?format=csv`, { headers: auth }),
        await fetch(`${server.url}/api/health`),
      ];
      for (const response of answers) {
        expect(response.status, response.url).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        expect(await response.text()).not.toMatch(/ECONNREFUSED|terminat|127\.0\.0\.1/i);
      }
      // Pages do not need the database.
      expect((await fetch(`${server.url}/about/`)).status).toBe(200);
      await server.stop('SIGKILL');
    } finally {
      try {
        own.stop();
      } catch {
        // stopped above
      }
    }
  });

  it('answers 503 on health when Postgres does not answer', async () => {
    const server = await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(503);
    expect(await response.text()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    await server.stop('SIGKILL');
  });
});

describe('content webhook', () => {
  let server: RunningServer;
  const webhook = new Webhook(SECRET);
  const send = (body: string, { id = crypto.randomUUID(), at = new Date(), signature }: { id?: string; at?: Date; signature?: string } = {}) =>
    fetch(`${server.url}/api/webhooks/content`, {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature ?? webhook.sign(id, at, body),
      },
    });
  const payload = JSON.stringify({ type: 'content.updated', data: { paths: ['posts/hello-world.md'] } });
  const postFile = () => path.join(contentDir, 'posts/hello-world.md');
  const pageTitle = async () => /<h1[^>]*>([^<]*)<\/h1>/.exec(await (await fetch(`${server.url}/posts/hello-world/`)).text())?.[1];

  beforeAll(async () => {
    server = await start({ WEBHOOK_SECRET: SECRET, ADMIN_TOKEN });
  });

  it('rejects a bad signature with 401 and changes nothing', async () => {
    const before = await pageTitle();
    fs.writeFileSync(postFile(), fs.readFileSync(postFile(), 'utf8').replace(/^title: .*$/m, 'title: "Edited but not announced"'));
    const forged = await send(payload, { signature: `v1,${Buffer.alloc(32).toString('base64')}` });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(`${server.url}/api/webhooks/content`, { method: 'POST', body: payload, headers: { 'Content-Type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    const otherSecret = new Webhook(`whsec_${Buffer.from('another secret').toString('base64')}`);
    expect((await send(payload, { signature: otherSecret.sign('x', new Date(), payload), id: 'x' })).status).toBe(401);
    expect(await pageTitle()).toBe(before);
  });

  it('rejects a timestamp older than 5 minutes', async () => {
    expect((await send(payload, { at: new Date(Date.now() - 6 * 60_000) })).status).toBe(401);
  });

  it('reloads the content on a valid call: the edited post, and co-located files, show without a rebuild', async () => {
    fs.writeFileSync(postFile(), fs.readFileSync(postFile(), 'utf8').replace(/^title: .*$/m, 'title: "Edited through the webhook"'));
    const newPicture = Buffer.concat([PICTURE, Buffer.from('appended')]);
    fs.writeFileSync(path.join(contentDir, 'posts/second/pic.png'), newPicture);

    const response = await send(payload, { id: 'msg_reload_1' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ reloaded: true, posts: expect.any(Number), pages: expect.any(Number) });
    expect(await pageTitle()).toBe('Edited through the webhook');
    expect(await (await fetch(`${server.url}/`)).text()).toContain('Edited through the webhook');
    expect(Buffer.from(await (await fetch(`${server.url}/posts/second/pic.png`)).arrayBuffer()).equals(newPicture)).toBe(true);

    // The same delivery again is a retry: answered 2xx, not applied twice.
    const retry = await send(payload, { id: 'msg_reload_1' });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ reloaded: false, duplicate: true });
  });

  it('keeps the previous content when the edit breaks a file, and accepts the retry once fixed', async () => {
    const good = fs.readFileSync(postFile(), 'utf8');
    fs.writeFileSync(postFile(), good.replace(/^title: .*$/m, 'title: [unclosed'));
    const broken = await send(payload, { id: 'msg_broken' });
    expect(broken.status).toBe(422);
    expect(await broken.text()).not.toContain(contentDir);
    expect(await pageTitle()).toBe('Edited through the webhook');
    fs.writeFileSync(postFile(), good);
    expect((await send(payload, { id: 'msg_broken' })).status).toBe(200);
  });

  it('is off (404) without WEBHOOK_SECRET', async () => {
    const plain = await start({ DATABASE_PATH: path.join(tmp, 'plain.db') });
    expect((await fetch(`${plain.url}/api/webhooks/content`, { method: 'POST', body: payload, headers: { 'Content-Type': 'application/json' } })).status).toBe(404);
    expect((await fetch(`${plain.url}/api/admin/submissions`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(404);
    await plain.stop('SIGKILL');
  });

  it('serves a post added after the build everywhere, and forgets a removed one', async () => {
    const newPost = path.join(contentDir, 'posts/added-later.md');
    const text = async (route: string) => {
      const response = await fetch(`${server.url}${route}`);
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    expect((await text('/posts/added-later/')).status).toBe(404);
    fs.writeFileSync(newPost, md('title: "Added later"\ndate: 2025-03-01\ntags: [fresh]', 'Written after the build.'));
    const unlistedPost = path.join(contentDir, 'posts/unlisted-later.md');
    fs.writeFileSync(unlistedPost, md('title: "Unlisted later"\ndate: 2025-03-02\nunlisted: true', 'Only for those with the link.'));
    expect((await send(payload, { id: 'msg_added' })).status).toBe(200);

    // An unlisted post: reachable, kept out of search indexes (meta tag on the page, header on its files), in no list.
    const unlistedPage = await text('/posts/unlisted-later/');
    expect(unlistedPage.body).toMatch(/<meta name="robots" content="noindex, ?follow"/);
    for (const route of ['/posts/unlisted-later.md', '/og/posts/unlisted-later.png']) {
      const response = await fetch(`${server.url}${route}`);
      expect([response.status, response.headers.get('x-robots-tag')], route).toEqual([200, 'noindex']);
    }
    expect((await fetch(`${server.url}/posts/added-later.md`)).headers.get('x-robots-tag')).toBeNull();
    expect((await text('/rss.xml')).body).not.toContain('unlisted-later');
    fs.rmSync(unlistedPost);

    const page = await text('/posts/added-later/');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<h1[^>]*>Added later<\/h1>/);
    expect((await text('/posts/added-later.md')).body).toContain('Written after the build.');
    const card = await text('/og/posts/added-later.png');
    expect([card.status, card.type]).toEqual([200, 'image/png']);
    expect((await text('/api/posts/added-later.json')).status).toBe(200);
    expect((await text('/tags/fresh/')).status).toBe(200);
    for (const list of ['/', '/archive/', '/rss.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/llms.txt', '/api/posts.json']) {
      expect((await text(list)).body, list).toContain('added-later');
    }

    fs.rmSync(newPost);
    expect((await send(payload, { id: 'msg_removed' })).status).toBe(200);
    expect((await text('/posts/added-later/')).status).toBe(404);
    expect((await text('/posts/added-later.md')).status).toBe(404);
    expect((await text('/tags/fresh/')).status).toBe(404);
    for (const list of ['/', '/archive/', '/rss.xml', '/sitemap.xml', '/llms.txt', '/api/posts.json']) {
      expect((await text(list)).body, list).not.toContain('added-later');
    }
  });

  it('lets caches in front see a reload: a short max-age, then revalidation by ETag with 304', async () => {
    const conditional = (route: string, etag: string, accept?: string) =>
      fetch(`${server.url}${route}`, { headers: { 'If-None-Match': etag, ...(accept ? { Accept: accept } : {}) } });
    const routes = ['/posts/hello-world/', '/posts/hello-world.md', '/rss.xml', '/og/posts/hello-world.png', '/api/posts/hello-world.json'];
    const before = new Map<string, string>();
    for (const route of routes) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('cache-control'), route).toBe('public, max-age=60, stale-while-revalidate=86400');
      const etag = response.headers.get('etag');
      expect(etag, route).toMatch(/^(W\/)?"[^"]+"$/);
      before.set(route, etag!);
      const again = await conditional(route, etag!);
      expect(again.status, route).toBe(304);
      expect(await again.text(), route).toBe('');
      expect(again.headers.get('etag'), route).toBe(etag);
      expect(again.headers.get('cache-control'), route).toBe('public, max-age=60, stale-while-revalidate=86400');
    }
    // The page's markdown by negotiation has its own tag: the HTML's tag never validates it.
    const markdown = await fetch(`${server.url}/posts/hello-world/`, { headers: { Accept: 'text/markdown' } });
    expect(markdown.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(markdown.headers.get('etag')).toBe(before.get('/posts/hello-world.md'));
    expect((await conditional('/posts/hello-world/', before.get('/posts/hello-world/')!, 'text/markdown')).status).toBe(200);
    expect((await conditional('/posts/hello-world/', markdown.headers.get('etag')!, 'text/markdown')).status).toBe(304);

    const good = fs.readFileSync(postFile(), 'utf8');
    fs.writeFileSync(postFile(), good.replace(/^title: .*$/m, 'title: "Seen by caches"'));
    expect((await send(payload, { id: 'msg_cache' })).status).toBe(200);
    for (const route of ['/posts/hello-world/', '/posts/hello-world.md', '/rss.xml', '/og/posts/hello-world.png', '/api/posts/hello-world.json']) {
      const response = await conditional(route, before.get(route)!);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('etag'), route).not.toBe(before.get(route));
    }
    fs.writeFileSync(postFile(), good);
    expect((await send(payload, { id: 'msg_cache_restored' })).status).toBe(200);
  });

  it('reaches every process: a webhook to one, and the other serves the edit within seconds', async () => {
    const url = await postgres.createDatabase('reload');
    const env = { DATABASE_URL: url, WEBHOOK_SECRET: SECRET, DATABASE_PATH: path.join(tmp, 'unused.db') };
    const [a, b] = [await start(env), await start(env)];
    const titleOn = async (s: RunningServer) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await (await fetch(`${s.url}/posts/hello-world/`)).text())?.[1];
    const good = fs.readFileSync(postFile(), 'utf8');
    fs.writeFileSync(postFile(), good.replace(/^title: .*$/m, 'title: "Announced to every process"'));
    const id = 'msg_cross_process';
    const at = new Date();
    const response = await fetch(`${a!.url}/api/webhooks/content`, {
      method: 'POST',
      body: payload,
      headers: { 'Content-Type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': webhook.sign(id, at, payload) },
    });
    expect(response.status).toBe(200);
    expect(await titleOn(a!)).toBe('Announced to every process');
    await expect.poll(() => titleOn(b!), { timeout: 10_000, interval: 250 }).toBe('Announced to every process');
    fs.writeFileSync(postFile(), good);
    await Promise.all([a!.stop('SIGKILL'), b!.stop('SIGKILL')]);
  });

  describe('admin export', () => {
    const admin = (route: string, token?: string) =>
      fetch(`${server.url}/api/admin/${route}`, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });

    it('answers 401 without a token and 403 with a wrong one', async () => {
      const missing = await admin('submissions');
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await admin('submissions', `${ADMIN_TOKEN}x`)).status).toBe(403);
      expect((await admin('subscribers', 'short')).status).toBe(403);
    });

    it('exports JSON by default and CSV that no spreadsheet executes', async () => {
      const hostile = { name: '=HYPERLINK("http://evil.test","x")', email: 'mallory@example.com', message: '+1+cmd|" /C calc"!A0\n"quoted", line two' };
      const created = (await (await postJson(server, '/api/contact', hostile)).json()) as { id: string };
      await postJson(server, '/api/subscribe', { email: '+sum@example.com' });

      const json = (await (await admin('submissions', ADMIN_TOKEN)).json()) as { submissions: { id: string; name: string; message: string }[] };
      expect(json.submissions.find((s) => s.id === created.id)).toMatchObject({ name: hostile.name, message: hostile.message });

      const csvResponse = await admin('submissions?format=csv', ADMIN_TOKEN);
      expect(csvResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const records = parseCsv(await csvResponse.text(), { columns: true }) as Record<string, string>[];
      const row = records.find((r) => r.id === created.id)!;
      expect(row.name).toBe(`'${hostile.name}`);
      expect(row.message).toBe(`'${hostile.message}`);
      for (const record of records) for (const cell of Object.values(record)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

      const subscribers = parseCsv(await (await admin('subscribers?format=csv', ADMIN_TOKEN)).text(), { columns: true }) as Record<string, string>[];
      expect(subscribers.map((s) => s.email)).toContain("'+sum@example.com");
      expect((await admin('subscribers?format=xml', ADMIN_TOKEN)).status).toBe(400);
    });
  });
});

describe('OpenAPI', () => {
  it('serves a valid OpenAPI 3.1 document generated from the request schemas', async () => {
    const server = await start({ DATABASE_PATH: path.join(tmp, 'openapi.db') });
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, object> };
    };
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(
      ['/api/admin/submissions', '/api/admin/subscribers', '/api/contact', '/api/health', '/api/subscribe', '/api/webhooks/content'],
    );

    // The schemas agree with the server: what it accepts validates, what it rejects does not, and its answers match.
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const check = (name: string, data: unknown) => ajv.validate(document.components.schemas[name]!, data);
    expect(check('ContactRequest', valid)).toBe(true);
    expect(check('ContactRequest', { ...valid, name: 'n'.repeat(101) })).toBe(false);
    const created = await postJson(server, '/api/contact', valid);
    expect(check('Created', await created.json())).toBe(true);
    const invalid = await postJson(server, '/api/contact', { email: 'x' });
    expect(check('Error', await invalid.json())).toBe(true);
    expect(check('Health', await (await fetch(`${server.url}/api/health`)).json())).toBe(true);
    await server.stop('SIGKILL');
  });
});

describe('durability under kill -9', () => {
  /** Fires submissions 32 at a time, kills the whole server mid-burst, and returns the acknowledged ids. */
  async function burstAndKill(server: RunningServer): Promise<Set<string>> {
    const acknowledged = new Set<string>();
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const response = await postJson(server, '/api/contact', { ...valid, message: `burst ${w}/${i}` });
          if (response.status === 201) acknowledged.add(((await response.json()) as { id: string }).id);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const workers = Array.from({ length: 32 }, (_, w) => worker(w));
    // Killed mid-burst once some submissions are acknowledged (at least 1.5 s; longer on a busy machine).
    const started = Date.now();
    while (Date.now() - started < 1500 || (acknowledged.size < 40 && Date.now() - started < 20_000)) await new Promise((r) => setTimeout(r, 100));
    killed = true;
    await server.stop('SIGKILL');
    await Promise.all(workers);
    return acknowledged;
  }

  it('loses no acknowledged submission with SQLite, and starts again cleanly', async () => {
    const db = path.join(tmp, 'durable.db');
    const acknowledged = await burstAndKill(await start({ DATABASE_PATH: db, CONTACT_RATE_LIMIT: '1000000/60' }));
    expect(acknowledged.size).toBeGreaterThan(20);
    const again = await start({ DATABASE_PATH: db });
    expect((await fetch(`${again.url}/api/health`)).status).toBe(200);
    const stored = new Set(new Database(db, { readonly: true }).prepare('SELECT id FROM submissions').pluck().all() as string[]);
    expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
    await again.stop('SIGTERM');
  });

  it('loses no acknowledged submission with Postgres, and starts again cleanly', async () => {
    const url = await postgres.createDatabase('durable');
    const acknowledged = await burstAndKill(await start({ DATABASE_URL: url, CONTACT_RATE_LIMIT: '1000000/60' }));
    expect(acknowledged.size).toBeGreaterThan(20);
    const again = await start({ DATABASE_URL: url });
    expect((await fetch(`${again.url}/api/health`)).status).toBe(200);
    const stored = new Set((await query<{ id: string }>(url, 'SELECT id FROM submissions')).map((r) => r.id));
    expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
    await again.stop('SIGTERM');
  });
});
