import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startServer, type RunningServer } from '../helpers/server';

// Real HTTP against `npm start` (next start in server mode), built once into its own folder: what
// needs sockets and processes (streamed 413, timeouts, headers of pages, SIGTERM, browsers). The
// HTTP layer itself is tested in process (tests/unit/server/).

const SITE_ORIGIN = 'https://site.example.test';
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
    HEADERS_TIMEOUT_MS: '1500',
    BODY_TIMEOUT_MS: '1500',
  });
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a database that cannot be opened', () => {
  it('leaves the pages served while the API answers 503', async () => {
    const broken = await start('broken', { DATABASE_PATH: '/dev/null/cannot/site.db' });
    expect((await fetch(`${broken.url}/api/health`)).status).toBe(503);
    expect((await postJson(broken, '/api/contact', valid)).status).toBe(503);
    expect((await fetch(`${broken.url}/about/`)).status).toBe(200);
    await broken.stop('SIGKILL');
  });
});

describe('settings', () => {
  it('refuses to start with a wrong setting and names it', async () => {
    await expect(start('misconfigured', { CONTACT_RATE_LIMIT: 'lots', ADMIN_TOKEN: 'short' })).rejects.toThrow(
      /CONTACT_RATE_LIMIT: must be [\s\S]*ADMIN_TOKEN\.0: must be at least 24 characters/,
    );
  });
});

describe('POST /api/contact over a socket', () => {
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
});

describe('slow clients', () => {
  /** Opens a socket, sends `pieces` one per `everyMs`, and resolves with what the server answered and when the socket closed. */
  function trickle(pieces: string[], everyMs: number): Promise<{ answer: string; closedAfterMs: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = net.connect(main.port, '127.0.0.1');
      let answer = '';
      let i = 0;
      const timer = setInterval(() => {
        if (i < pieces.length && !socket.destroyed) socket.write(pieces[i++]!);
      }, everyMs);
      socket.on('data', (c) => (answer += c));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, closedAfterMs: Date.now() - started });
      });
      setTimeout(() => reject(new Error(`connection still open after 20 s; got: ${answer}`)), 20_000).unref();
    });
  }

  it('closes a connection whose headers trickle in past HEADERS_TIMEOUT_MS, with 408', async () => {
    // One header byte every 200 ms: each byte beats an idle timeout, the whole never ends.
    const head = `GET /about/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: ${'a'.repeat(200)}`;
    const { answer, closedAfterMs } = await trickle([...head], 200);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(1400);
    expect(closedAfterMs).toBeLessThan(6000);
  });

  it('answers 408 to a body that trickles in past BODY_TIMEOUT_MS, and closes the connection', async () => {
    const body = JSON.stringify({ name: 'Slow', email: 'slow@example.com', message: 'm'.repeat(400) });
    const head = `POST /api/contact HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer, closedAfterMs } = await trickle([head, ...body.match(/.{1,5}/g)!], 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(closedAfterMs).toBeLessThan(8000);
  });
});

describe('pages', () => {
  it('carry the security headers, and the trailing-slash redirect never names the Host it was sent', async () => {
    const page = await fetch(`${main.url}/about/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect((await fetch(`${main.url}/rss.xml`)).headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${main.url}/api/posts.json`)).headers.get('x-content-type-options')).toBe('nosniff');

    for (const hostile of ['Host: evil.example.test', 'Host: 127.0.0.1\r\nX-Forwarded-Host: evil.example.test\r\nX-Forwarded-Proto: https']) {
      const answer = await rawRequest(main.port, `GET /about?x=1 HTTP/1.1\r\n${hostile}\r\nConnection: close\r\n\r\n`, '');
      expect(answer).toMatch(/^HTTP\/1\.1 308 /);
      expect(answer).toMatch(/\r\nlocation: \/about\/\?x=1\r\n/i);
      expect(answer).not.toContain('evil.example.test');
    }
  });
});

describe('markdown negotiation', () => {
  it('answers a page URL with its markdown twin when the client prefers markdown, and says both vary by Accept', async () => {
    const html = await fetch(`${main.url}/about/`, { headers: { Accept: 'text/html,*/*;q=0.8' } });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('vary')).toMatch(/\bAccept\b/i);
    expect(html.headers.get('vary')).toMatch(/\brsc\b/i);
    expect(html.headers.get('link')).toMatch(/<\/about\.md>; rel="alternate"; type="text\/markdown"/);
    expect(html.headers.get('link')).toMatch(/rel="api-catalog"/);

    const markdown = await fetch(`${main.url}/about/`, { headers: { Accept: 'text/markdown, text/html;q=0.5' } });
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(markdown.headers.get('vary')).toMatch(/\bAccept\b/i);
    const twin = await (await fetch(`${main.url}/about.md`)).text();
    expect(await markdown.text()).toBe(twin);
    // q=0 refuses markdown.
    expect((await fetch(`${main.url}/about/`, { headers: { Accept: 'text/markdown;q=0, text/html' } })).headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('shutdown', () => {
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
