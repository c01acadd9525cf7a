import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveServerConfig } from '@/lib/server/config';
import { acceptedMediaType, parseBody, readBodyLimited } from '@/lib/server/http/body';
import { clientAddress, CLIENT_ADDRESS_HEADER } from '@/lib/server/http/client';
import { corsHeaders, preflightHeaders } from '@/lib/server/http/cors';
import { errorResponse, HttpError } from '@/lib/server/http/errors';
import { contactSchema } from '@/lib/server/schemas';
import { openSqliteStore } from '@/lib/server/store/sqlite';

/** The HTTP status a call fails with, 'ok' when it does not fail. */
const statusOf = async (work: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    return error instanceof HttpError ? error.status : 'other';
  }
  return 'ok';
};

describe('resolveServerConfig', () => {
  it('has the documented defaults', () => {
    const config = resolveServerConfig({}, 'https://example.com');
    expect(config).toMatchObject({
      maxBodyBytes: 16384,
      rateLimits: { contact: { max: 5, windowSeconds: 60 }, subscribe: { max: 5, windowSeconds: 60 } },
      trustProxy: false,
      corsOrigins: ['https://example.com'],
    });
    expect(config.databasePath).toBe(path.resolve('data/site.db'));
  });
  it('names the variable and the expected form on bad values', () => {
    expect(() => resolveServerConfig({ CONTACT_RATE_LIMIT: 'five' }, 'https://example.com')).toThrow(/CONTACT_RATE_LIMIT: must be "<requests>\/<seconds>"/);
    expect(() => resolveServerConfig({ TRUST_PROXY: 'maybe' }, 'https://example.com')).toThrow(/TRUST_PROXY/);
    // Matches the whsec_ shape but is no valid base64: refused at start, not a 500 on every webhook call.
    expect(() => resolveServerConfig({ WEBHOOK_SECRET: 'whsec_abc' }, 'https://example.com')).toThrow(/WEBHOOK_SECRET\.0: must be "whsec_" followed by valid base64/);
    expect(resolveServerConfig({ WEBHOOK_SECRET: `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}` }, 'https://example.com').webhookSecrets).toEqual([expect.stringMatching(/^whsec_/)]);
    expect(() => resolveServerConfig({ CORS_ORIGINS: 'not a url' }, 'https://example.com')).toThrow(/CORS_ORIGINS/);
    expect(() => resolveServerConfig({ CORS_ORIGINS: 'mailto:a@example.com' }, 'https://example.com')).toThrow(/CORS_ORIGINS/);
    // As browsers send Origin: lower-case host, no default port, no path.
    expect(resolveServerConfig({ CORS_ORIGINS: 'https://Example.com:443/, http://localhost:3000/x, *' }, 'https://example.com').corsOrigins).toEqual(['https://example.com', 'http://localhost:3000', '*']);
  });
  it('takes several webhook secrets and admin tokens at once, for rotation, and names the bad one', () => {
    const [a, b] = ['a', 'b'].map((c) => `whsec_${Buffer.from(c.repeat(32)).toString('base64')}`);
    const config = resolveServerConfig({ WEBHOOK_SECRET: `${a}, ${b}`, ADMIN_TOKEN: `${'x'.repeat(24)} ${'y'.repeat(30)}` }, 'https://example.com');
    expect(config.webhookSecrets).toEqual([a, b]);
    expect(config.adminTokens).toEqual(['x'.repeat(24), 'y'.repeat(30)]);
    expect(resolveServerConfig({ WEBHOOK_SECRET: '', ADMIN_TOKEN: ' ' }, 'https://example.com')).toMatchObject({ webhookSecrets: [], adminTokens: [] });
    expect(() => resolveServerConfig({ ADMIN_TOKEN: `${'x'.repeat(24)},short` }, 'https://example.com')).toThrow(/ADMIN_TOKEN\.1: must be at least 24 characters/);
  });
});

describe('request body', () => {
  it('takes only the media types a route accepts', async () => {
    expect(acceptedMediaType('Application/JSON; charset=UTF-8', ['json'])).toBe('application/json');
    expect(await statusOf(() => acceptedMediaType('application/x-www-form-urlencoded', ['json']))).toBe(415);
    expect(await statusOf(() => acceptedMediaType(null, ['json', 'form']))).toBe(415);
    expect(await statusOf(() => acceptedMediaType('application/json; charset=utf-16', ['json']))).toBe(415);
  });

  it('stops reading a stream at the limit', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await statusOf(readBodyLimited(request, 4096))).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('answers 400, not a database error, when the client closes the connection mid-body', async () => {
    const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(10));
        controller.error(reset);
      },
    });
    const request = new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    const failure = await readBodyLimited(request, 4096, 10_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ status: 400, options: { headers: { Connection: 'close' } } });
  });

  it('parses JSON, forms and multipart into plain fields', async () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const json = (await parseBody('application/json', 'application/json', bytes('{"__proto__":{"x":1},"a":"b"}'))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(json.x).toBeUndefined();
    // A form field named __proto__ stays a field; it never becomes the object's prototype.
    const form = (await parseBody('application/x-www-form-urlencoded', '', bytes('__proto__=x&a=1'))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(form)).toBe(Object.prototype);
    expect(Object.hasOwn(form, '__proto__')).toBe(true);
    expect(form.a).toBe('1');
    expect(await parseBody('application/x-www-form-urlencoded', '', bytes('a=1&b=2&b=3'))).toEqual({ a: '1', b: ['2', '3'] });
    // Read as URLSearchParams reads it, but bytes that are not UTF-8 are refused, not replaced.
    const formOf = (text: string) => parseBody('application/x-www-form-urlencoded', '', bytes(text));
    for (const text of ['a=x+y%20z&&b&c=&=d', 'n=%E6%97%A5%E6%9C%AC+%F0%9F%9A%80&m=ß€😀', 'p=100%&q=%zz%4', 'k%3D=v%26w']) {
      expect(await formOf(text)).toEqual(Object.fromEntries(new URLSearchParams(text)));
    }
    expect(await statusOf(formOf('name=%FF'))).toBe(400);
    expect(await statusOf(formOf('name=ok&message=%C3%28'))).toBe(400);
    expect(await statusOf(formOf('%ED%A0%80=x'))).toBe(400);
    expect(await statusOf(parseBody('application/json', '', bytes('{')))).toBe(400);
    expect(await statusOf(parseBody('application/json', '', new Uint8Array([0x22, 0xff, 0x22])))).toBe(400);
    expect(await statusOf(parseBody('multipart/form-data', 'multipart/form-data', bytes('x')))).toBe(400);
  });
});

describe('contact schema', () => {
  it('trims, and rejects NUL characters and lone surrogates', () => {
    expect(contactSchema.parse({ name: ' Ada ', email: 'a@example.com', message: 'm' })).toEqual({ name: 'Ada', email: 'a@example.com', message: 'm', website: '' });
    expect(contactSchema.safeParse({ name: 'a\u0000', email: 'a@example.com', message: 'm' }).success).toBe(false);
    expect(contactSchema.safeParse({ name: 'a', email: 'a@example.com', message: '\ud800' }).success).toBe(false);
  });
});

describe('CORS, client address and errors', () => {
  it('allows listed origins only', () => {
    expect(corsHeaders('https://a.test', ['https://a.test'])).toHaveProperty('Access-Control-Allow-Origin', 'https://a.test');
    expect(corsHeaders('https://b.test', ['https://a.test'])).toEqual({});
    expect(corsHeaders(null, ['https://a.test'])).toEqual({});
    expect(preflightHeaders('https://a.test', ['https://a.test'], ['POST', 'OPTIONS'])).toHaveProperty('Access-Control-Allow-Methods', 'POST, OPTIONS');
  });

  it('reads X-Forwarded-For only behind a trusted proxy', () => {
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: '127.0.0.1', 'x-forwarded-for': '1.1.1.1, 2.2.2.2' });
    expect(clientAddress(headers, false)).toBe('127.0.0.1');
    expect(clientAddress(headers, true)).toBe('2.2.2.2');
  });

  it('hides everything about unexpected errors', async () => {
    const response = errorResponse(new Error('SQLITE_CORRUPT at /srv/data/site.db'), 'req-1');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'Internal server error', requestId: 'req-1' });
  });
});

describe('SQLite store', () => {
  it('migrates once, keeps subscribers idempotent and counts fixed rate-limit windows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-store-'));
    const store = openSqliteStore(path.join(dir, 'nested', 'site.db'));
    expect(await store.migrate()).toEqual([1, 2, 3, 4]);
    expect(await store.migrate()).toEqual([]);
    expect(await store.addSubscriber('a@example.com')).toEqual({ created: true });
    expect(await store.addSubscriber('a@example.com')).toEqual({ created: false });
    expect((await store.listSubscribers({ limit: 10 })).map((s) => s.email)).toEqual(['a@example.com']);

    const t0 = new Date('2026-01-01T00:00:00Z');
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const hits = [];
    for (const s of [0, 1, 2]) hits.push(await store.hitRateLimit('k', 2, 60, at(s)));
    expect(hits.map((h) => [h.allowed, h.remaining])).toEqual([[true, 1], [true, 0], [false, 0]]);
    expect(hits[2]!.resetSeconds).toBe(58);
    expect((await store.hitRateLimit('k', 2, 60, at(60))).allowed).toBe(true);
    expect((await store.hitRateLimit('other', 2, 60, at(2))).remaining).toBe(1);

    const { id } = await store.addSubmission({ name: 'n', email: 'e@example.com', message: 'm', spam: false, requestId: 'r' });
    expect((await store.listSubmissions({ limit: 10 })).map((s) => [s.id, s.spam])).toEqual([[id, false]]);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checkpoints the write-ahead log on a worker thread, not in the commits that serve requests', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-store-'));
    const file = path.join(dir, 'site.db');
    const store = openSqliteStore(file);
    await store.migrate();
    const sizeBefore = fs.statSync(file).size;
    // About 5,000 log pages: under the serving connection's own threshold, so only the worker copies
    // them into the database file.
    for (let i = 0; i < 2_000; i++) {
      await store.addSubmission({ name: `n${i}`, email: 'e@example.com', message: 'm'.repeat(500), spam: false, requestId: `r${i}` });
    }
    const deadline = Date.now() + 5_000;
    while (fs.statSync(file).size < sizeBefore + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 1_000_000);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('CSV export', () => {
  it('quotes every cell and defuses formula starts', async () => {
    const { csvCell, toCsv } = await import('@/lib/server/csv');
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(["\"'=1+1\"", "\"'+1\"", "\"'-1\"", "\"'@SUM(A1)\"", "\"'\tx\"", "\"'\rx\""]);
    expect(csvCell('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
    expect(csvCell(null)).toBe('""');
    expect(toCsv(['a', 'b'], [{ a: 1, b: true }])).toBe('"a","b"\r\n"1","true"\r\n');
  });
});
