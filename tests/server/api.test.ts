import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startServer, type RunningServer } from '../helpers/server';
import { hostileBodies } from './hostile-bodies';

// Real HTTP against `npm start` (next start in server mode), built once into its own folder.

const SITE_ORIGIN = 'https://site.example.test';
const OTHER_ORIGIN = 'https://evil.example.test';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-server-'));
let distDir = '';
let main: RunningServer;
const servers: RunningServer[] = [];

async function start(name: string, env: Record<string, string>) {
  const server = await startServer(distDir, { SITE_URL: SITE_ORIGIN, DATABASE_PATH: path.join(tmp, `${name}.db`), ...env });
  servers.push(server);
  return server;
}

const post = (server: RunningServer, route: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${route}`, { method: 'POST', body, headers, redirect: 'manual' });
const postJson = (server: RunningServer, route: string, data: unknown, headers: Record<string, string> = {}) =>
  post(server, route, JSON.stringify(data), { 'Content-Type': 'application/json', ...headers });

const valid = { name: 'Ada Lovelace', email: 'ada@example.com', message: 'Hello from the tests.' };

/** Raw HTTP/1.1 over a socket: for bodies fetch will not send, and to see what the server answers mid-body. */
function rawRequest(port: number, head: string, body: Buffer | string, { endAfterBody = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head);
      socket.write(body);
      if (endAfterBody) socket.end();
    });
    let answer = '';
    socket.on('data', (c) => {
      answer += c;
      // The status line and headers are enough once the body of the error has arrived.
      if (!endAfterBody && answer.includes('\r\n\r\n') && answer.includes('}')) socket.destroy();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer; got so far: ${answer}`)));
  });
}

beforeAll(async () => {
  const build = await buildServer('server-api');
  if (build.code !== 0) throw new Error(build.output);
  distDir = build.distDir;
  main = await start('main', {
    CORS_ORIGINS: `${SITE_ORIGIN}, https://second.example.test`,
    CONTACT_RATE_LIMIT: '100000/60',
    SUBSCRIBE_RATE_LIMIT: '100000/60',
  });
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('health', () => {
  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const response = await fetch(`${main.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 in the error envelope when the database cannot be opened, and pages still render', async () => {
    const broken = await start('broken', { DATABASE_PATH: '/dev/null/cannot/site.db' });
    const response = await fetch(`${broken.url}/api/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: expect.stringMatching(/database/), requestId: response.headers.get('x-request-id') });
    expect(JSON.stringify(body)).not.toMatch(/dev\/null|SQLITE|ENOTDIR/);
    expect((await postJson(broken, '/api/contact', valid)).status).toBe(503);
    expect((await fetch(`${broken.url}/about/`)).status).toBe(200);
    await broken.stop('SIGKILL');
  });
});

describe('settings', () => {
  it('refuses to start with a wrong setting and names it', async () => {
    await expect(start('misconfigured', { CONTACT_RATE_LIMIT: 'lots', ADMIN_TOKEN: 'short' })).rejects.toThrow(
      /CONTACT_RATE_LIMIT: must be [\s\S]*ADMIN_TOKEN: must be at least 24 characters/,
    );
  });
});

describe('POST /api/contact', () => {
  it('stores a JSON submission and answers 201 {"id"}', async () => {
    const response = await postJson(main, '/api/contact', valid);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string };
    expect(Object.keys(body)).toEqual(['id']);
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an urlencoded form post with 303 to the thank-you page', async () => {
    const response = await post(main, '/api/contact', new URLSearchParams({ ...valid, website: '' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/contact/thanks/');
    expect((await fetch(`${main.url}/contact/thanks/`)).status).toBe(200);
  });

  it('answers a multipart form post from the site origin with 303 back to that origin', async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(valid)) form.set(key, value);
    const response = await post(main, '/api/contact', form, { Origin: SITE_ORIGIN });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${SITE_ORIGIN}/contact/thanks/`);
  });

  it('answers a filled honeypot like a success and keeps it apart as spam', async () => {
    const response = await postJson(main, '/api/contact', { ...valid, message: 'buy now', website: 'http://spam.example' });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const db = new Database(path.join(tmp, 'main.db'), { readonly: true });
    expect(db.prepare('SELECT spam FROM submissions WHERE id = ?').get(id)).toEqual({ spam: 1 });
    db.close();
  });

  it('answers 422 with the errors of every field', async () => {
    const response = await postJson(main, '/api/contact', { name: '', email: 'not-an-email', message: 'x'.repeat(5001) });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; details: Record<string, string[]>; requestId: string };
    expect(body.error).toBe('Validation failed');
    expect(Object.keys(body.details).sort()).toEqual(['email', 'message', 'name']);
    for (const messages of Object.values(body.details)) expect(messages.every((m) => typeof m === 'string' && m.length > 0)).toBe(true);
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers 422 for a name over 100 characters and accepts exactly 100 and 5,000', async () => {
    expect((await postJson(main, '/api/contact', { ...valid, name: 'n'.repeat(101) })).status).toBe(422);
    expect((await postJson(main, '/api/contact', { ...valid, name: 'n'.repeat(100), message: 'm'.repeat(5000) })).status).toBe(201);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await post(main, '/api/contact', '{"name": "x",', { 'Content-Type': 'application/json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/JSON/) });
  });

  it('answers a content type it does not take with 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/json; charset=iso-8859-1']) {
      const response = await post(main, '/api/contact', JSON.stringify(valid), { 'Content-Type': type });
      expect(response.status, type).toBe(415);
    }
    const none = await fetch(`${main.url}/api/contact`, { method: 'POST', body: new Blob([JSON.stringify(valid)]) });
    expect(none.status).toBe(415);
  });

  it('answers a method it lacks with 405 and Allow', async () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const response = await fetch(`${main.url}/api/contact`, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('POST, OPTIONS');
      expect(await response.json()).toMatchObject({ error: expect.any(String), requestId: expect.any(String) });
    }
    const health = await fetch(`${main.url}/api/health`, { method: 'POST' });
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET, OPTIONS');
  });

  it('answers 413 to a declared Content-Length over 16 KiB without reading the body', async () => {
    // Only the headers and 100 bytes are sent and the socket stays open: the answer cannot wait for the rest.
    const answer = await rawRequest(
      main.port,
      `POST /api/contact HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n`,
      'x'.repeat(100),
      { endAfterBody: false },
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain('connection: close');
  });

  it('answers 413 to a chunked body as soon as it crosses the limit', async () => {
    const chunk = 'a'.repeat(4096);
    const body = Array.from({ length: 6 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join(''); // 24 KiB, no final chunk
    const answer = await rawRequest(
      main.port,
      `POST /api/contact HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      body,
      { endAfterBody: false },
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('accepts a body just under the limit', async () => {
    const message = 'm'.repeat(5000);
    const padded = JSON.stringify({ ...valid, message, padding: ' '.repeat(16 * 1024 - 5200) });
    expect(Buffer.byteLength(padded)).toBeLessThanOrEqual(16 * 1024);
    expect((await post(main, '/api/contact', padded, { 'Content-Type': 'application/json' })).status).toBe(201);
  });
});

describe('POST /api/subscribe', () => {
  it('is idempotent: the same address twice is one row and 202 both times', async () => {
    for (const email of ['grace@example.com', 'Grace@Example.com']) {
      const response = await postJson(main, '/api/subscribe', { email });
      expect(response.status).toBe(202);
    }
    const form = await post(main, '/api/subscribe', new URLSearchParams({ email: 'grace@example.com' }));
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/subscribe/thanks/');
    const db = new Database(path.join(tmp, 'main.db'), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM subscribers WHERE email = 'grace@example.com'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('validates the address', async () => {
    const response = await postJson(main, '/api/subscribe', { email: 'nope' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { details: object }).details).toHaveProperty('email');
  });
});

describe('CORS', () => {
  const preflight = (origin: string, route = '/api/contact') =>
    fetch(`${main.url}${route}`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });

  it.each([SITE_ORIGIN, 'https://second.example.test'])('answers a preflight from the allowed origin %s with 204', async (origin) => {
    const response = await preflight(origin);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it.each([OTHER_ORIGIN, 'null', `${SITE_ORIGIN}.evil.test`, 'http://site.example.test'])('gives %s no Access-Control-Allow-Origin at all', async (origin) => {
    const pre = await preflight(origin);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
    const actual = await postJson(main, '/api/contact', valid, { Origin: origin });
    expect(actual.status).toBe(201);
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    expect(actual.headers.get('vary')).toMatch(/Origin/);
  });

  it('sends Access-Control-Allow-Origin on actual requests and errors from an allowed origin', async () => {
    for (const response of [
      await postJson(main, '/api/contact', valid, { Origin: SITE_ORIGIN }),
      await postJson(main, '/api/contact', {}, { Origin: SITE_ORIGIN }),
      await fetch(`${main.url}/api/health`, { headers: { Origin: SITE_ORIGIN } }),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(SITE_ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
      expect(response.headers.get('vary')).toMatch(/Origin/);
    }
  });

  it('allows the origin of SITE_URL when CORS_ORIGINS is not set', async () => {
    const server = await start('cors-default', {});
    const allowed = await fetch(`${server.url}/api/subscribe`, { method: 'OPTIONS', headers: { Origin: SITE_ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SITE_ORIGIN);
    const other = await fetch(`${server.url}/api/subscribe`, { method: 'OPTIONS', headers: { Origin: 'https://second.example.test', 'Access-Control-Request-Method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await server.stop('SIGKILL');
  });
});

describe('rate limit', () => {
  it('answers the request over the limit with 429, Retry-After and RateLimit headers, per socket address', async () => {
    const server = await start('limited', { CONTACT_RATE_LIMIT: '3/60' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      // Without TRUST_PROXY a forged X-Forwarded-For changes nothing: the socket address is the client.
      const response = await postJson(server, '/api/contact', valid, { 'X-Forwarded-For': `203.0.113.${i}` });
      statuses.push(response.status);
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      expect(response.headers.get('ratelimit-remaining')).toBe(String(Math.max(0, 2 - i)));
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(Number(response.headers.get('ratelimit-reset'))).toBe(retryAfter);
        expect(await response.json()).toMatchObject({ error: expect.stringMatching(/Too many/), requestId: expect.any(String) });
      }
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    // Subscribe has its own budget.
    expect((await postJson(server, '/api/subscribe', { email: 'x@example.com' })).status).toBe(202);
    await server.stop('SIGKILL');
  });

  it('uses the last X-Forwarded-For address only when TRUST_PROXY is set', async () => {
    const server = await start('proxied', { CONTACT_RATE_LIMIT: '2/60', TRUST_PROXY: '1' });
    const send = (forwardedFor: string) => postJson(server, '/api/contact', valid, { 'X-Forwarded-For': forwardedFor });
    expect([(await send('198.51.100.1')).status, (await send('198.51.100.1')).status, (await send('198.51.100.1')).status]).toEqual([201, 201, 429]);
    // A client cannot escape by prepending addresses: the proxy's entry (last) counts.
    expect((await send('10.0.0.9, 198.51.100.1')).status).toBe(429);
    expect((await send('198.51.100.2')).status).toBe(201);
    await server.stop('SIGKILL');
  });
});

describe('hostile bodies', () => {
  it('never answer 5xx and always answer in the envelope', async () => {
    const bodies = hostileBodies(valid);
    expect(bodies.length).toBeGreaterThanOrEqual(300);
    const seen = new Map<number, number>();
    for (const { route, contentType, body } of bodies) {
      const response = await post(main, route, body, contentType ? { 'Content-Type': contentType } : {});
      const text = await response.text();
      seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
      expect(response.status, `${route} ${contentType} ${String(body).slice(0, 80)}`).toBeLessThan(500);
      if (response.status >= 400) {
        const envelope = JSON.parse(text) as Record<string, unknown>;
        expect(envelope.requestId).toBe(response.headers.get('x-request-id'));
        expect(typeof envelope.error).toBe('string');
        expect(text).not.toMatch(/node_modules|\.next|at \w+ \(|SQLITE|stack/i);
      }
    }
    // The corpus exercises every rejection, not only one.
    for (const status of [400, 413, 415, 422]) expect(seen.get(status), `status ${status}`).toBeGreaterThan(0);
  });
});

describe('storage', () => {
  it('holds exactly the submissions that were acknowledged, with what was sent', async () => {
    const acknowledged = new Map<string, typeof valid>();
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const sent = { name: `Sender ${i} ✓`, email: `s${i}@example.com`, message: `Message ${i}: ünïcødé, "quotes", <b>tags</b>` };
        const response = await postJson(main, '/api/contact', sent);
        expect(response.status).toBe(201);
        acknowledged.set(((await response.json()) as { id: string }).id, sent);
      }),
    );
    const db = new Database(path.join(tmp, 'main.db'), { readonly: true });
    const rows = db.prepare("SELECT id, name, email, message FROM submissions WHERE email LIKE 's%@example.com'").all() as { id: string }[];
    db.close();
    expect(rows.length).toBe(40);
    for (const row of rows) expect(row).toEqual({ id: row.id, ...acknowledged.get(row.id) });
  });

  it('runs in WAL mode with the versioned migrations recorded', () => {
    const db = new Database(path.join(tmp, 'main.db'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2]);
    db.close();
  });
});

describe('logs and shutdown', () => {
  it('writes one JSON log line per request with its request id and no request body', async () => {
    const response = await postJson(main, '/api/contact', { ...valid, message: 'secret-body-marker' });
    const id = response.headers.get('x-request-id');
    await new Promise((r) => setTimeout(r, 100));
    const line = main.logs().find((l) => l.requestId === id && l.msg === 'request');
    expect(line).toMatchObject({ level: 'info', route: 'contact', method: 'POST', status: 201, time: expect.any(String) });
    expect(main.output()).not.toContain('secret-body-marker');
  });

  it('drains in-flight requests on SIGTERM, closes the database and exits', async () => {
    const server = await start('drain', {});
    // A request whose body is still arriving when SIGTERM comes.
    const sent = JSON.stringify(valid);
    let finish!: () => void;
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(sent.slice(0, 10)));
        finish = () => {
          controller.enqueue(new TextEncoder().encode(sent.slice(10)));
          controller.close();
        };
      },
    });
    const inFlight = fetch(`${server.url}/api/contact`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    await new Promise((r) => setTimeout(r, 300));
    const exit = server.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    finish();
    const response = await inFlight;
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const answered = Date.now();
    await exit;
    // The drained connection is closed with its answer, not left to its keep-alive timeout (5 s).
    expect(Date.now() - answered).toBeLessThan(3000);
    expect(server.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    // Closed cleanly: the WAL was checkpointed away, and the acknowledged row is there.
    expect(fs.existsSync(path.join(tmp, 'drain.db-wal'))).toBe(false);
    const db = new Database(path.join(tmp, 'drain.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM submissions WHERE id = ?').get(id)).toEqual({ n: 1 });
    db.close();
  });
});

describe('site forms in a browser', () => {
  const launch = () =>
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
  const submittedBy = (email: string) => {
    const db = new Database(path.join(tmp, 'main.db'), { readonly: true });
    const rows = db.prepare('SELECT name, message FROM submissions WHERE email = ?').all(email);
    db.close();
    return rows;
  };

  it('sends the contact form without JavaScript and lands on the thank-you page', async () => {
    const browser = await launch();
    try {
      const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
      await page.goto(`${main.url}/contact/`);
      await page.fill('input[name="name"]', 'No Script');
      await page.fill('input[name="email"]', 'noscript@example.com');
      await page.fill('textarea[name="message"]', 'Sent by a plain form post.');
      await Promise.all([page.waitForURL(`${main.url}/contact/thanks/`), page.click('button[type="submit"]')]);
      expect(await page.textContent('h1')).toBe('Thank you');
      expect(submittedBy('noscript@example.com')).toEqual([{ name: 'No Script', message: 'Sent by a plain form post.' }]);
    } finally {
      await browser.close();
    }
  });

  it('posts JSON with JavaScript, shows the answer in place, and shows validation errors', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(`${main.url}/contact/`);
      await page.waitForLoadState('networkidle');
      // Slip past the browser's own checks to see the server's 422 rendered.
      await page.$eval('form', (form) => form.setAttribute('novalidate', ''));
      await page.fill('input[name="name"]', 'With Script');
      await page.fill('input[name="email"]', 'not-an-address');
      await page.fill('textarea[name="message"]', 'Sent by fetch.');
      await page.click('button[type="submit"]');
      await expect.poll(() => page.textContent('[role="alert"]')).toContain('Email must be a valid address');
      expect(page.url()).toBe(`${main.url}/contact/`);

      await page.fill('input[name="email"]', 'script@example.com');
      await page.click('button[type="submit"]');
      await expect.poll(() => page.textContent('[role="status"]')).toContain('your message has been sent');
      expect(page.url()).toBe(`${main.url}/contact/`);
      expect(submittedBy('script@example.com')).toEqual([{ name: 'With Script', message: 'Sent by fetch.' }]);
    } finally {
      await browser.close();
    }
  });
});
