import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseBody } from '@/lib/server/http/body';
import { clientAddress } from '@/lib/server/http/client';
import { rateLimitClient } from '@/lib/server/http/rate-limit';
import { isStoreUnavailable } from '@/lib/server/store/unavailable';
import { checkWebhookHeaders, signatureOf, verifyWebhookSignature, webhookKey } from '@/lib/server/webhook-signature';
import { makeContentDir, md } from '../../helpers/content';
import { loadServer, SITE_ORIGIN, type InProcessServer } from './in-process';

// Server mode under attack, in process: linear parsing, strict UTF-8, raw-byte signatures, rotation,
// rate limits that cost nothing over the limit, 503 for a database that cannot serve, cross-site
// form posts, security headers, timeouts and the streamed admin export.

// Revalidation needs a Next.js request; here the reload itself is what is tested.
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
// Each test loads the server modules afresh, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const valid = { name: 'Ada Lovelace', email: 'ada@example.com', message: 'Hello.' };
const SECRET_OLD = `whsec_${Buffer.from('the old secret of thirty-two b.').toString('base64')}`;
const SECRET_NEW = `whsec_${Buffer.from('the new secret of thirty-two b.').toString('base64')}`;
const TOKEN_OLD = 'old-admin-token-0123456789abcdef';
const TOKEN_NEW = 'new-admin-token-0123456789abcdef';
const contentDir = makeContentDir({ 'posts/hello.md': md('title: Hello\ndate: 2025-01-01') });
let server: InProcessServer | undefined;

async function load(env: Record<string, string> = {}) {
  await server?.stop();
  server = await loadServer({ CONTENT_DIR: contentDir, ...env });
  return server;
}
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const rows = <T>(file: string, sql: string, ...params: unknown[]) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};
/** A request body that counts how many chunks the server pulled from it. */
function countingBody(chunks: Uint8Array[], { stallAfter = Infinity } = {}) {
  const counter = { pulled: 0 };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      counter.pulled++;
      if (i >= stallAfter) return new Promise<void>(() => {});
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  }, { highWaterMark: 0 }); // pulled only when the server reads
  return { stream, counter };
}
const multipart = (boundary: string, parts: Buffer[]) =>
  Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from(`--${boundary}\r\n`), p, Buffer.from('\r\n')])), Buffer.from(`--${boundary}--\r\n`)]);
const field = (name: Buffer | string, value: Buffer | string) =>
  Buffer.concat([Buffer.from('Content-Disposition: form-data; name="'), Buffer.from(name), Buffer.from('"\r\n\r\n'), Buffer.from(value)]);

describe('form parsing is linear', () => {
  it('parses 10 MiB of repeated urlencoded and multipart fields in seconds, not minutes', async () => {
    const size = 10 * 1024 * 1024;
    const urlencoded = Buffer.from('a&'.repeat(size / 2));
    let started = performance.now();
    const form = (await parseBody('application/x-www-form-urlencoded', '', urlencoded)) as { a: string[] };
    const urlencodedMs = performance.now() - started;
    expect(form.a).toHaveLength(size / 2);

    const part = Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n');
    const count = Math.floor((size - 10) / part.length);
    const body = Buffer.concat([...Array.from({ length: count }, () => part), Buffer.from('--b--\r\n')]);
    started = performance.now();
    const parts = (await parseBody('multipart/form-data', 'multipart/form-data; boundary=b', body)) as { a: string[] };
    const multipartMs = performance.now() - started;
    expect(parts.a.length).toBe(count);
    // Quadratic copying took ~9 s for 64 KiB and did not finish 256 KiB in a minute; linear parsing of
    // 10 MiB takes a few seconds, and stays far under this bound on a busy machine.
    expect(urlencodedMs).toBeLessThan(30_000);
    expect(multipartMs).toBeLessThan(30_000);
  }, 120_000);
});

describe('multipart fields must be UTF-8', () => {
  it('answers 400 for invalid UTF-8 in a multipart value or name, and stores nothing', async () => {
    const s = await load({ CONTACT_RATE_LIMIT: '1000/60' });
    for (const invalid of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0x80]]) {
      const valueBody = multipart('XyZ', [field('name', bytes('Ada', invalid)), field('email', 'a@example.com'), field('message', 'm')]);
      const response = await s.fetch('/api/contact', { method: 'POST', body: valueBody, headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' } });
      expect(response.status, String(invalid)).toBe(400);
      expect(await response.json()).toMatchObject({ error: expect.stringMatching(/UTF-8/) });
      const nameBody = multipart('XyZ', [field(bytes('na', invalid), 'x'), field('name', 'Ada'), field('email', 'a@example.com'), field('message', 'm')]);
      expect((await s.fetch('/api/contact', { method: 'POST', body: nameBody, headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' } })).status).toBe(400);
    }
    expect(rows(s.databasePath, 'SELECT * FROM submissions')).toEqual([]);
    // Valid UTF-8 in every script goes through.
    const good = multipart('XyZ', [field('name', 'Ådä 名前 😀'), field('email', 'a@example.com'), field('message', 'ünïcødé')]);
    expect((await s.fetch('/api/contact', { method: 'POST', body: good, headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' } })).status).toBe(303);
    expect(rows(s.databasePath, 'SELECT name FROM submissions')).toEqual([{ name: 'Ådä 名前 😀' }]);
  }, 30_000);

  it('answers 422, not a stored text, for an uploaded file in place of a field', async () => {
    const s = await load();
    const body = multipart('b', [Buffer.from('Content-Disposition: form-data; name="name"; filename="x.exe"\r\n\r\nMZ'), field('email', 'a@example.com'), field('message', 'm')]);
    expect((await s.fetch('/api/contact', { method: 'POST', body, headers: { 'Content-Type': 'multipart/form-data; boundary=b' } })).status).toBe(422);
  });
});

describe('webhook signatures', () => {
  const sign = (secret: string, id: string, body: Uint8Array, at = Math.floor(Date.now() / 1000)) => ({
    'webhook-id': id,
    'webhook-timestamp': String(at),
    'webhook-signature': `v1,${signatureOf(webhookKey(secret)!, id, String(at), body).toString('base64')}`,
  });
  const deliver = (s: InProcessServer, body: Buffer | string, headers: Record<string, string>) =>
    s.fetch('/api/webhooks/content', { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'Content-Type': 'application/json', ...headers } });

  it('signs like the Standard Webhooks reference for valid UTF-8', () => {
    const body = '{"type":"content.updated"}';
    const at = new Date();
    const reference = new Webhook(SECRET_NEW).sign('msg_1', at, body);
    const headers = checkWebhookHeaders({ id: 'msg_1', timestamp: String(Math.floor(at.getTime() / 1000)), signature: reference });
    expect(() => verifyWebhookSignature([SECRET_NEW], headers, Buffer.from(body))).not.toThrow();
    expect(() => verifyWebhookSignature([SECRET_OLD], headers, Buffer.from(body))).toThrow(/no matching signature/);
  });

  it('verifies the raw bytes: a body differing only in invalid UTF-8 bytes does not share the signature', async () => {
    const s = await load({ WEBHOOK_SECRET: SECRET_NEW });
    const signed = bytes('{"type":"x', [0xff], '"}');
    const tampered = bytes('{"type":"x', [0xfe], '"}');
    // Both decode to the same text with U+FFFD; only the bytes tell them apart.
    expect(new TextDecoder().decode(signed)).toBe(new TextDecoder().decode(tampered));
    const headers = sign(SECRET_NEW, 'msg_raw', signed);
    expect((await deliver(s, tampered, headers)).status).toBe(401);
    // The signed bytes pass the signature and then fail as what they are: not UTF-8.
    expect((await deliver(s, signed, headers)).status).toBe(400);
  });

  it('accepts the old and the new secret during a rotation, and prunes old deliveries', async () => {
    const s = await load({ WEBHOOK_SECRET: `${SECRET_OLD} ${SECRET_NEW}` });
    const body = '{"type":"content.updated"}';
    const first = await deliver(s, body, sign(SECRET_OLD, 'msg_old', Buffer.from(body)));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ reloaded: true, posts: 1, pages: 0 });
    expect((await deliver(s, body, sign(SECRET_NEW, 'msg_new', Buffer.from(body)))).status).toBe(200);
    // A retry of a delivery taken before succeeds, without a second reload.
    const retry = await deliver(s, body, sign(SECRET_NEW, 'msg_new', Buffer.from(body)));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ reloaded: false, duplicate: true });
    const other = `whsec_${Buffer.from('not configured anywhere at all..').toString('base64')}`;
    expect((await deliver(s, body, sign(other, 'msg_other', Buffer.from(body)))).status).toBe(401);

    // A delivery received longer ago than twice the tolerance is forgotten by the next call.
    const db = new Database(s.databasePath);
    db.prepare('INSERT INTO webhook_deliveries (id, received_at) VALUES (?, ?)').run('msg_ancient', new Date(Date.now() - 11 * 60_000).toISOString());
    db.close();
    expect((await deliver(s, body, sign(SECRET_NEW, 'msg_later', Buffer.from(body)))).status).toBe(200);
    expect(rows<{ id: string }>(s.databasePath, 'SELECT id FROM webhook_deliveries ORDER BY id').map((r) => r.id)).toEqual(['msg_later', 'msg_new', 'msg_old']);
  });

  it('refuses an unsigned or oversized delivery before reading its body, and rate-limits the webhook', async () => {
    const s = await load({ WEBHOOK_SECRET: SECRET_NEW, WEBHOOK_RATE_LIMIT: '2/60' });
    const unsigned = countingBody([Buffer.from('{}')]);
    expect((await s.fetch('/api/webhooks/content', { method: 'POST', body: unsigned.stream, headers: { 'Content-Type': 'application/json' } })).status).toBe(401);
    expect(unsigned.counter.pulled).toBe(0);
    const stale = countingBody([Buffer.from('{}')]);
    const staleHeaders = sign(SECRET_NEW, 'msg_stale', Buffer.from('{}'), Math.floor(Date.now() / 1000) - 3600);
    expect((await s.fetch('/api/webhooks/content', { method: 'POST', body: stale.stream, headers: { 'Content-Type': 'application/json', ...staleHeaders } })).status).toBe(401);
    expect(stale.counter.pulled).toBe(0);
    const huge = countingBody([Buffer.alloc(1024)]);
    const hugeHeaders = { ...sign(SECRET_NEW, 'msg_huge', Buffer.from('{}')), 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) };
    expect((await s.fetch('/api/webhooks/content', { method: 'POST', body: huge.stream, headers: hugeHeaders })).status).toBe(413);
    expect(huge.counter.pulled).toBe(0);

    const body = '{"type":"content.updated"}';
    const statuses = [];
    for (const id of ['a', 'b', 'c']) statuses.push((await deliver(s, body, sign(SECRET_NEW, `msg_${id}`, Buffer.from(body)))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('reloads are serialized', () => {
  it('applies reloads in the order they were asked for, the newest last', async () => {
    const { serializedReload } = await import('@/lib/server/reload');
    const finished: string[] = [];
    const slow = serializedReload(async () => {
      await new Promise((r) => setTimeout(r, 200));
      finished.push('older');
    });
    const fast = serializedReload(async () => {
      finished.push('newer');
    });
    const failing = serializedReload(async () => {
      throw new Error('broken content');
    });
    const after = serializedReload(async () => finished.push('after a failure'));
    await Promise.all([slow, fast, failing.catch(() => {}), after]);
    expect(finished).toEqual(['older', 'newer', 'after a failure']);
  });
});

describe('rate limits', () => {
  it('groups IPv6 clients by /64 (configurable) and keeps IPv4 and mapped IPv4 as they are', () => {
    expect(rateLimitClient('2001:db8:1:2::1', 64)).toBe(rateLimitClient('2001:db8:1:2:ffff:ffff:ffff:fffe', 64));
    expect(rateLimitClient('2001:db8:1:2::1', 64)).toBe('2001:db8:1:2:0:0:0:0/64');
    expect(rateLimitClient('2001:db8:1:3::1', 64)).not.toBe(rateLimitClient('2001:db8:1:2::1', 64));
    expect(rateLimitClient('2001:db8:1:2::1', 128)).not.toBe(rateLimitClient('2001:db8:1:2::2', 128));
    expect(rateLimitClient('2001:db8:1:2::1', 48)).toBe(rateLimitClient('2001:db8:1:ffff::1', 48));
    expect(rateLimitClient('fe80::1%eth0', 64)).toBe('fe80:0:0:0:0:0:0:0/64');
    expect(rateLimitClient('::ffff:192.0.2.1', 64)).toBe('192.0.2.1');
    expect(rateLimitClient('192.0.2.1', 64)).toBe('192.0.2.1');
    expect(rateLimitClient('unknown', 64)).toBe('unknown');
  });

  it('takes the address from X-Forwarded-For without the port some proxies add', () => {
    const forwarded = (value: string) => clientAddress(new Headers({ 'x-forwarded-for': value }), true);
    expect(forwarded('198.51.100.7, 203.0.113.5:51234')).toBe('203.0.113.5');
    expect(forwarded('[2001:db8::1]:51234')).toBe('2001:db8::1');
    expect(forwarded('[2001:db8::1]')).toBe('2001:db8::1');
    expect(forwarded('2001:db8::1')).toBe('2001:db8::1');
    expect(forwarded('203.0.113.5')).toBe('203.0.113.5');
    expect(rateLimitClient(forwarded('[2001:db8:1:2::1]:4000'), 64)).toBe(rateLimitClient(forwarded('[2001:db8:1:2::9]:4001'), 64));
  });

  it('gives a whole /64 one budget, answers over the limit without a database write, and writes nothing for a wrong content type', async () => {
    const s = await load({ CONTACT_RATE_LIMIT: '2/60' });
    const send = (client: string, type = 'application/json') =>
      s.fetch('/api/contact', { method: 'POST', body: JSON.stringify(valid), headers: { 'Content-Type': type }, client });
    const statuses = [];
    for (let i = 1; i <= 6; i++) statuses.push((await send(`2001:db8:aa:bb::${i.toString(16)}`)).status);
    expect(statuses).toEqual([201, 201, 429, 429, 429, 429]);
    expect((await send('2001:db8:aa:bc::1')).status).toBe(201);
    // Two allowed hits were written; the four refusals cost no write.
    expect(rows(s.databasePath, "SELECT count FROM rate_limits WHERE key LIKE 'contact:2001:db8:aa:bb:%'")).toEqual([{ count: 2 }]);
    expect((await send('192.0.2.200', 'text/plain')).status).toBe(415);
    expect(rows(s.databasePath, "SELECT * FROM rate_limits WHERE key LIKE '%192.0.2.200%'")).toEqual([]);
  });

  it('closes the connection after answering a request whose body it did not read, and only then', async () => {
    const s = await load({ CONTACT_RATE_LIMIT: '1/60' });
    const send = (type: string, client = '192.0.2.77') =>
      s.fetch('/api/contact', { method: 'POST', body: JSON.stringify(valid), headers: { 'Content-Type': type }, client });
    // Kept alive, Node would read the unread body to its end first, at the sender's pace.
    const accepted = await send('application/json');
    expect([accepted.status, accepted.headers.get('connection')]).toEqual([201, null]);
    const limited = await send('application/json');
    expect([limited.status, limited.headers.get('connection')]).toEqual([429, 'close']);
    const unsupported = await send('text/plain', '192.0.2.78');
    expect([unsupported.status, unsupported.headers.get('connection')]).toEqual([415, 'close']);
    const health = await s.fetch('/api/health');
    expect(health.headers.get('connection')).toBeNull();
  });

  it('prunes windows that ended', async () => {
    const s = await load();
    const db = new Database(s.databasePath);
    await s.fetch('/api/health');
    db.prepare('INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)').run('contact:198.51.100.9', Date.now() - 3600_000, 5);
    db.close();
    expect((await s.postJson('/api/contact', valid)).status).toBe(201);
    expect(rows(s.databasePath, 'SELECT key FROM rate_limits')).toEqual([{ key: 'contact:192.0.2.10' }]);
  });
});

describe('a database that cannot serve answers 503', () => {
  it('classifies busy, full, read-only and unreachable databases as unavailable, and bugs as not', () => {
    const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    for (const e of [coded('SQLITE_BUSY'), coded('SQLITE_FULL'), coded('SQLITE_READONLY_DBMOVED'), coded('SQLITE_IOERR_WRITE'), coded('ECONNREFUSED'), coded('57P01'), coded('08006'), coded('53300'), new Error('Connection terminated unexpectedly'), new TypeError('The database connection is not open')]) {
      expect(isStoreUnavailable(e), e.message + (e as { code?: string }).code).toBe(true);
    }
    for (const e of [coded('SQLITE_CONSTRAINT_PRIMARYKEY'), coded('23505'), coded('42P01'), new Error('boom'), 'text']) expect(isStoreUnavailable(e)).toBe(false);
  });

  it('answers 503 with Retry-After when SQLite stays locked by another writer', async () => {
    const s = await load({ CONTACT_RATE_LIMIT: '1000/60' });
    expect((await s.fetch('/api/health')).status).toBe(200);
    const locker = new Database(s.databasePath);
    locker.exec('BEGIN EXCLUSIVE');
    try {
      const [contact, subscribe] = await Promise.all([s.postJson('/api/contact', valid), s.postJson('/api/subscribe', { email: 'a@example.com' })]);
      for (const response of [contact, subscribe]) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        expect(await response.text()).not.toMatch(/SQLITE|locked|busy/i);
      }
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect((await s.postJson('/api/contact', valid)).status).toBe(201);
  }, 30_000);
});

describe('cross-site form posts', () => {
  const form = (s: InProcessServer, headers: Record<string, string>) => s.fetch('/api/contact', { method: 'POST', body: new URLSearchParams(valid), headers });

  it('refuses form posts from other sites with 403 and no database write, and accepts the site itself', async () => {
    const s = await load({ CORS_ORIGINS: SITE_ORIGIN, CONTACT_RATE_LIMIT: '1000/60' });
    expect((await s.fetch('/api/health')).status).toBe(200);
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://evil.example.test' },
      { Origin: 'https://evil.example.test', 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'null' },
      { Origin: 'https://sub.site.example.test', 'Sec-Fetch-Site': 'same-site' },
    ]) {
      const response = await form(s, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toMatchObject({ error: expect.stringMatching(/Cross-site form posts/) });
    }
    expect(rows(s.databasePath, 'SELECT * FROM rate_limits')).toEqual([]);
    for (const headers of <Record<string, string>[]>[
      { Origin: SITE_ORIGIN, 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://127.0.0.1:3000' },
      { Origin: 'http://127.0.0.1:3000', Host: '127.0.0.1:3000' },
      {},
    ]) {
      expect((await form(s, headers)).status, JSON.stringify(headers)).toBe(303);
    }
    // JSON from another origin is left to CORS: the browser cannot send it without a preflight.
    expect((await s.postJson('/api/contact', valid, { Origin: 'https://evil.example.test' })).status).toBe(201);
  });
});

describe('security headers of the API', () => {
  it('sends nosniff, no referrer, and a policy that forbids framing on every answer', async () => {
    const s = await load();
    for (const response of [await s.fetch('/api/health'), await s.postJson('/api/contact', {}), await s.fetch('/api/contact', { method: 'OPTIONS' })]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('slow bodies', () => {
  it('answers 408 and stops reading when a body does not arrive within BODY_TIMEOUT_MS', async () => {
    const s = await load({ BODY_TIMEOUT_MS: '300' });
    const slow = countingBody([Buffer.from('{"name":')], { stallAfter: 1 });
    const started = Date.now();
    const response = await s.fetch('/api/contact', { method: 'POST', body: slow.stream, headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(408);
    expect(response.headers.get('connection')).toBe('close');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('credential rotation', () => {
  it('opens the admin export with any configured token and refuses others', async () => {
    const s = await load({ ADMIN_TOKEN: `${TOKEN_OLD},${TOKEN_NEW}` });
    const admin = (token: string) => s.fetch('/api/admin/subscribers', { headers: { Authorization: `Bearer ${token}` } });
    expect((await admin(TOKEN_OLD)).status).toBe(200);
    expect((await admin(TOKEN_NEW)).status).toBe(200);
    expect((await admin(`${TOKEN_NEW}x`)).status).toBe(403);
    expect((await admin(`${TOKEN_OLD},${TOKEN_NEW}`)).status).toBe(403);
  });
});

describe('admin export', () => {
  it('pages with ?after=&limit= and streams the whole table in the same order', async () => {
    const s = await load({ ADMIN_TOKEN: TOKEN_NEW, CONTACT_RATE_LIMIT: '1000/60' });
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(((await (await s.postJson('/api/contact', { ...valid, message: `m${i}` })).json()) as { id: string }).id);
    const get = (query: string) => s.fetch(`/api/admin/submissions${query}`, { headers: { Authorization: `Bearer ${TOKEN_NEW}` } });

    const whole = (await (await get('')).json()) as { submissions: { id: string; createdAt: string }[] };
    expect(whole.submissions.map((r) => r.id).sort()).toEqual([...ids].sort());
    // Oldest first; submissions of the same millisecond in id order (the cursor's order).
    const key = (r: { id: string; createdAt: string }) => `${r.createdAt} ${r.id}`;
    expect(whole.submissions.map(key)).toEqual(whole.submissions.map(key).sort());

    const seen: string[] = [];
    let query = '?limit=10';
    for (let pages = 0; pages < 5; pages++) {
      const response = await get(query);
      const page = (await response.json()) as { submissions: { id: string }[]; next: string | null };
      seen.push(...page.submissions.map((r) => r.id));
      if (page.next === null) {
        expect(response.headers.get('link')).toBeNull();
        break;
      }
      expect(response.headers.get('link')).toBe(`</api/admin/submissions?limit=10&after=${page.next}>; rel="next"`);
      query = `?limit=10&after=${page.next}`;
    }
    expect(seen).toEqual(whole.submissions.map((r) => r.id));

    const csv = await (await get(`?format=csv&after=${whole.submissions[19]!.id}`)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 5);
    for (const bad of ['?limit=0', '?limit=1001', '?limit=x', '?format=xml', '?after=%00', '?after=a%0Ab']) expect((await get(bad)).status, bad).toBe(400);
  });
});
