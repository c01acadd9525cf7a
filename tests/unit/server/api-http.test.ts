import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hostileBodies } from '../../server/hostile-bodies';
import { loadServer, SITE_ORIGIN, type InProcessServer } from './in-process';

// The API's HTTP behaviour, in process: status codes, envelopes, CORS, rate limits and storage.

const OTHER_ORIGIN = 'https://evil.example.test';
const valid = { name: 'Ada Lovelace', email: 'ada@example.com', message: 'Hello from the tests.' };
let main: InProcessServer;
// Loading the server modules afresh takes seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const post = (route: string, body: BodyInit, headers: Record<string, string> = {}, client?: string) =>
  main.fetch(route, { method: 'POST', body, headers, client });
const rows = <T>(sql: string, ...params: unknown[]) => {
  const db = new Database(main.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  main = await loadServer({
    CORS_ORIGINS: `${SITE_ORIGIN}, https://second.example.test`,
    CONTACT_RATE_LIMIT: '100000/60',
    SUBSCRIBE_RATE_LIMIT: '100000/60',
  });
});
afterAll(() => main.stop());

describe('health', () => {
  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const response = await main.fetch('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('POST /api/contact', () => {
  it('stores a JSON submission and answers 201 {"id"}', async () => {
    const response = await main.postJson('/api/contact', valid);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string };
    expect(Object.keys(body)).toEqual(['id']);
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an urlencoded form post with 303 to the thank-you page', async () => {
    const response = await post('/api/contact', new URLSearchParams({ ...valid, website: '' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/contact/thanks/');
  });

  it('answers a multipart form post from the site origin with 303 back to that origin', async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(valid)) form.set(key, value);
    const response = await post('/api/contact', form, { Origin: SITE_ORIGIN });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${SITE_ORIGIN}/contact/thanks/`);
    expect(rows('SELECT name FROM submissions WHERE name = ?', valid.name).length).toBeGreaterThan(0);
  });

  it('answers a filled honeypot like a success and keeps it apart as spam', async () => {
    const response = await main.postJson('/api/contact', { ...valid, message: 'buy now', website: 'http://spam.example' });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(rows('SELECT spam FROM submissions WHERE id = ?', id)).toEqual([{ spam: 1 }]);
  });

  it('answers 422 with the errors of every field', async () => {
    const response = await main.postJson('/api/contact', { name: '', email: 'not-an-email', message: 'x'.repeat(5001) });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; details: Record<string, string[]>; requestId: string };
    expect(body.error).toBe('Validation failed');
    expect(Object.keys(body.details).sort()).toEqual(['email', 'message', 'name']);
    for (const messages of Object.values(body.details)) expect(messages.every((m) => typeof m === 'string' && m.length > 0)).toBe(true);
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers 422 for a name over 100 characters and accepts exactly 100 and 5,000', async () => {
    expect((await main.postJson('/api/contact', { ...valid, name: 'n'.repeat(101) })).status).toBe(422);
    expect((await main.postJson('/api/contact', { ...valid, name: 'n'.repeat(100), message: 'm'.repeat(5000) })).status).toBe(201);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await post('/api/contact', '{"name": "x",', { 'Content-Type': 'application/json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/JSON/) });
  });

  it('answers a content type it does not take with 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/json; charset=iso-8859-1']) {
      const response = await post('/api/contact', JSON.stringify(valid), { 'Content-Type': type });
      expect(response.status, type).toBe(415);
      expect(response.headers.get('accept-post')).toMatch(/application\/json/);
    }
    const none = await main.fetch('/api/contact', { method: 'POST', body: new Blob([JSON.stringify(valid)]) });
    expect(none.status).toBe(415);
  });

  it('answers a method it lacks with 405 and Allow', async () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const response = await main.fetch('/api/contact', { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('POST, OPTIONS');
      expect(await response.json()).toMatchObject({ error: expect.any(String), requestId: response.headers.get('x-request-id') });
    }
    const health = await main.fetch('/api/health', { method: 'POST' });
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers 413 to a declared Content-Length over the limit, and accepts a body just under it', async () => {
    const over = await post('/api/contact', JSON.stringify(valid), { 'Content-Type': 'application/json', 'Content-Length': String(16 * 1024 + 1) });
    expect(over.status).toBe(413);
    expect(over.headers.get('connection')).toBe('close');
    const padded = JSON.stringify({ ...valid, message: 'm'.repeat(5000), padding: ' '.repeat(16 * 1024 - 5200) });
    expect(Buffer.byteLength(padded)).toBeLessThanOrEqual(16 * 1024);
    expect((await post('/api/contact', padded, { 'Content-Type': 'application/json' })).status).toBe(201);
  });
});

describe('POST /api/subscribe', () => {
  it('is idempotent: the same address twice is one row and 202 both times', async () => {
    for (const email of ['grace@example.com', 'Grace@Example.com']) {
      expect((await main.postJson('/api/subscribe', { email })).status).toBe(202);
    }
    const form = await post('/api/subscribe', new URLSearchParams({ email: 'grace@example.com' }));
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/subscribe/thanks/');
    expect(rows("SELECT count(*) AS n FROM subscribers WHERE email = 'grace@example.com'")).toEqual([{ n: 1 }]);
  });

  it('validates the address', async () => {
    const response = await main.postJson('/api/subscribe', { email: 'nope' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { details: object }).details).toHaveProperty('email');
  });
});

describe('CORS', () => {
  const preflight = (origin: string, route = '/api/contact') =>
    main.fetch(route, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });

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
    const actual = await main.postJson('/api/contact', valid, { Origin: origin });
    expect(actual.status).toBe(201);
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    expect(actual.headers.get('vary')).toMatch(/Origin/);
  });

  it('sends Access-Control-Allow-Origin on actual requests and errors from an allowed origin', async () => {
    for (const response of [
      await main.postJson('/api/contact', valid, { Origin: SITE_ORIGIN }),
      await main.postJson('/api/contact', {}, { Origin: SITE_ORIGIN }),
      await main.fetch('/api/health', { headers: { Origin: SITE_ORIGIN } }),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(SITE_ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
      expect(response.headers.get('vary')).toMatch(/Origin/);
    }
  });
});

describe('hostile bodies', () => {
  it('never answer 5xx and always answer in the envelope', async () => {
    const bodies = hostileBodies(valid);
    expect(bodies.length).toBeGreaterThanOrEqual(300);
    const seen = new Map<number, number>();
    for (const { route, contentType, body } of bodies) {
      const response = await post(route, body, contentType ? { 'Content-Type': contentType } : {});
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
        const response = await main.postJson('/api/contact', sent);
        expect(response.status).toBe(201);
        acknowledged.set(((await response.json()) as { id: string }).id, sent);
      }),
    );
    const stored = rows<{ id: string }>("SELECT id, name, email, message FROM submissions WHERE email LIKE 's%@example.com'");
    expect(stored.length).toBe(40);
    for (const row of stored) expect(row).toEqual({ id: row.id, ...acknowledged.get(row.id) });
  });

  it('runs in WAL mode with the versioned migrations recorded', () => {
    const db = new Database(main.databasePath, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2, 3, 4]);
    // Each submission writes its row, the primary key and one page index (version 4 dropped a redundant one).
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submissions' ORDER BY name").pluck().all()).toEqual(['sqlite_autoindex_submissions_1', 'submissions_page']);
    db.close();
  });
});

describe('logs', () => {
  it('writes one JSON log line per request with its request id and no request body', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const response = await main.postJson('/api/contact', { ...valid, message: 'secret-body-marker' });
      const id = response.headers.get('x-request-id');
      const lines = written.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.requestId === id && l.msg === 'request')).toMatchObject({
        level: 'info', route: 'contact', method: 'POST', status: 201, time: expect.any(String), client: expect.any(String), durationMs: expect.any(Number),
      });
      expect(written.join('')).not.toContain('secret-body-marker');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('settings per server', () => {
  it('allows the origin of SITE_URL when CORS_ORIGINS is not set', async () => {
    await main.stop();
    main = await loadServer({});
    const allowed = await main.fetch('/api/subscribe', { method: 'OPTIONS', headers: { Origin: SITE_ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SITE_ORIGIN);
    const other = await main.fetch('/api/subscribe', { method: 'OPTIONS', headers: { Origin: 'https://second.example.test', 'Access-Control-Request-Method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the request over the limit with 429, Retry-After and RateLimit headers, per socket address', async () => {
    await main.stop();
    main = await loadServer({ CONTACT_RATE_LIMIT: '3/60' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      // Without TRUST_PROXY a forged X-Forwarded-For changes nothing: the socket address is the client.
      const response = await main.postJson('/api/contact', valid, { 'X-Forwarded-For': `203.0.113.${i}` });
      statuses.push(response.status);
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      expect(response.headers.get('ratelimit-remaining')).toBe(String(Math.max(0, 2 - i)));
      expect(response.headers.get('ratelimit-policy')).toBe('3;w=60');
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(Number(response.headers.get('ratelimit-reset'))).toBe(retryAfter);
        expect(await response.json()).toMatchObject({ error: expect.stringMatching(/Too many/), requestId: expect.any(String) });
      }
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    // Another socket address has its own budget, and subscribe has its own too.
    expect((await main.fetch('/api/contact', { method: 'POST', body: JSON.stringify(valid), headers: { 'Content-Type': 'application/json' }, client: '192.0.2.77' })).status).toBe(201);
    expect((await main.postJson('/api/subscribe', { email: 'x@example.com' })).status).toBe(202);
  });

  it('uses the last X-Forwarded-For address only when TRUST_PROXY is set', async () => {
    await main.stop();
    main = await loadServer({ CONTACT_RATE_LIMIT: '2/60', TRUST_PROXY: '1' });
    const send = (forwardedFor: string) => main.postJson('/api/contact', valid, { 'X-Forwarded-For': forwardedFor });
    expect([(await send('198.51.100.1')).status, (await send('198.51.100.1')).status, (await send('198.51.100.1')).status]).toEqual([201, 201, 429]);
    // A client cannot escape by prepending addresses: the proxy's entry (last) counts.
    expect((await send('10.0.0.9, 198.51.100.1')).status).toBe(429);
    expect((await send('198.51.100.2')).status).toBe(201);
  });

  it('answers 503 in the error envelope when the database cannot be opened', async () => {
    await main.stop();
    main = await loadServer({ DATABASE_PATH: '/dev/null/cannot/site.db' });
    const response = await main.fetch('/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: expect.stringMatching(/database/), requestId: response.headers.get('x-request-id') });
    expect(JSON.stringify(body)).not.toMatch(/dev\/null|SQLITE|ENOTDIR/);
    expect((await main.postJson('/api/contact', valid)).status).toBe(503);
  });
});
