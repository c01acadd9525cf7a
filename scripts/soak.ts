// npm run soak: server mode under generated hostile traffic, on several processes, and its speed.
//
// 1. Hostile: SOAK_REQUESTS (10,000) requests generated with fast-check (methods, routes, headers,
//    content types and charsets, JSON, forms, multipart with random bytes, oversized and slow
//    senders) against `npm start` on SQLite. Passes when nothing but 503 answers 5xx, every error is
//    the envelope, the server still answers, and its memory stays flat.
// 2. Processes: SOAK_POSTS (10,000) valid POSTs spread over two processes on one Postgres; one is
//    killed with -9 halfway and started again. Passes when no acknowledged submission is lost, no
//    client got more than its limit, and the restarted process serves within seconds.
// 3. Export: the admin CSV export of SOAK_EXPORT_ROWS (1,000,000) submissions, the server's memory
//    sampled while it streams.
// 4. Speed: POST /api/contact beside a bare route handler, with and without a JSON body, on SQLite (autocannon, 64 connections).
//
// Everything runs on 127.0.0.1, bounded in count and time. SOAK_DIST_DIR reuses a server build
// (e.g. `.next-test-server-api`); otherwise the script builds one into `.next-test-soak`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { startPostgres } from '../tests/helpers/postgres';
import { buildServer, startServer, type RunningServer } from '../tests/helpers/server';
import { measurePosts, SPEED_ROUTES } from './speed-routes';

const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 10_000);
const POSTS = Number(process.env.SOAK_POSTS ?? 10_000);
const BENCH_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const EXPORT_ROWS = Number(process.env.SOAK_EXPORT_ROWS ?? 1_000_000);
const SITE = 'https://site.example.test';
const SECRET = `whsec_${Buffer.from('soak secret of thirty-two bytes.').toString('base64')}`;
const ADMIN = 'soak-admin-token-0123456789abcdef';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-soak-'));

/** Resident memory (MiB) of a server: npm, its shell and the Next.js process, summed. */
function rssMiB(server: RunningServer): number {
  const pids = [server.child.pid!];
  for (let i = 0; i < pids.length; i++) {
    const children = spawnSync('pgrep', ['-P', String(pids[i])], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
    pids.push(...children);
  }
  let kib = 0;
  for (const pid of pids) {
    const status = fs.existsSync(`/proc/${pid}/status`) ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return Math.round(kib / 1024);
}

/** Runs `tasks` with at most `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i]!, i);
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// 1. Hostile requests

interface Hostile {
  method: string;
  route: string;
  contentType?: string;
  body?: Uint8Array;
  headers: Record<string, string>;
  /** Sent over a raw socket a few bytes at a time, slower than the timeouts allow. */
  slow?: 'headers' | 'body';
}

const bytesOf = (text: string) => new TextEncoder().encode(text);
const boundary = 'soakBoundary7';

const field = fc.tuple(fc.constantFrom('name', 'email', 'message', 'website', '__proto__', 'x', ''), fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })));
const multipartBody = fc.array(fc.tuple(field, fc.boolean()), { maxLength: 8 }).map((parts) => {
  const chunks: Uint8Array[] = [];
  for (const [[name, value], asFile] of parts) {
    chunks.push(bytesOf(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${asFile ? '; filename="f.bin"' : ''}\r\n\r\n`));
    chunks.push(typeof value === 'string' ? bytesOf(value) : value, bytesOf('\r\n'));
  }
  chunks.push(bytesOf(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
});

const contactLike = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 120 }), fc.constant('Ada'), fc.integer(), fc.constant(null)),
    email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 40 }), fc.constant('a@example.com')),
    message: fc.oneof(fc.string({ maxLength: 6000 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constant('Hello')),
    website: fc.oneof(fc.constant(''), fc.string({ maxLength: 20 })),
  },
  { requiredKeys: [] },
);

const bodyArb: fc.Arbitrary<{ type?: string; body: Uint8Array }> = fc.oneof(
  contactLike.map((v) => ({ type: 'application/json', body: bytesOf(JSON.stringify(v)) })),
  fc.json({ maxDepth: 4 }).map((v) => ({ type: 'application/json', body: bytesOf(v) })),
  fc.string({ unit: 'binary', maxLength: 400 }).map((v) => ({ type: 'application/json', body: bytesOf(v) })),
  contactLike.map((v) => ({ type: 'application/x-www-form-urlencoded', body: bytesOf(new URLSearchParams(Object.entries(v).map(([k, x]) => [k, String(x)])).toString()) })),
  fc.string({ maxLength: 400 }).map((v) => ({ type: 'application/x-www-form-urlencoded', body: bytesOf(v) })),
  multipartBody.map((body) => ({ type: `multipart/form-data; boundary=${boundary}`, body })),
  fc.uint8Array({ maxLength: 2000 }).map((body) => ({ type: undefined, body })),
  fc.uint8Array({ minLength: 16 * 1024 + 1, maxLength: 40_000 }).map((body) => ({ type: 'application/json', body })),
);

const contentTypeArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string | undefined>(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=latin1', 'APPLICATION/JSON; charset="UTF-8"', 'multipart/form-data', 'multipart/form-data; boundary=', 'application/x-www-form-urlencoded;;', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)) },
);

const hostileArb: fc.Arbitrary<Hostile> = fc
  .record({
    method: fc.oneof({ weight: 12, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') }),
    route: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('/api/contact', '/api/subscribe') },
      { weight: 2, arbitrary: fc.constant('/api/webhooks/content') },
      { weight: 1, arbitrary: fc.constantFrom('/api/admin/submissions?format=csv', '/api/admin/subscribers?limit=5', '/api/health') },
    ),
    payload: bodyArb,
    contentType: contentTypeArb,
    origin: fc.option(fc.constantFrom(SITE, 'https://evil.example.test', 'null', 'http://127.0.0.1')),
    fetchSite: fc.option(fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'garbage')),
    client: fc.oneof(fc.ipV4(), fc.ipV6()),
    authorization: fc.option(fc.oneof(fc.constant(`Bearer ${ADMIN}`), fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`), fc.string({ maxLength: 40 }))),
    webhook: fc.option(fc.record({ id: fc.string({ maxLength: 40 }), timestamp: fc.oneof(fc.constant(String(Math.floor(Date.now() / 1000))), fc.string({ maxLength: 12 })), signature: fc.string({ maxLength: 100 }) })),
    slow: fc.oneof({ weight: 60, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<'headers' | 'body'>('headers', 'body') }),
  })
  .map(({ method, route, payload, contentType, origin, fetchSite, client, authorization, webhook, slow }) => {
    const headers: Record<string, string> = { 'X-Forwarded-For': client };
    const type = contentType ?? payload.type;
    if (type !== undefined) headers['Content-Type'] = type;
    if (origin) headers.Origin = origin;
    if (fetchSite) headers['Sec-Fetch-Site'] = fetchSite;
    if (authorization) headers.Authorization = authorization;
    if (webhook) Object.assign(headers, { 'webhook-id': webhook.id, 'webhook-timestamp': webhook.timestamp, 'webhook-signature': webhook.signature });
    const hasBody = method !== 'GET';
    return { method, route, headers, body: hasBody ? payload.body : undefined, slow };
  });

/** Sends one request over a socket, a few bytes every 100 ms, and returns the status line's code (or 0 when closed without one). */
function sendSlowly(port: number, request: Hostile): Promise<number> {
  const body = request.body ?? new Uint8Array();
  const head = `${request.method} ${request.route} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries({ ...request.headers, 'Content-Length': String(body.length + 100) })
    .filter(([, v]) => /^[\x20-\x7e]*$/.test(v))
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  const data = request.slow === 'headers' ? bytesOf(head) : Buffer.concat([bytesOf(head), body]);
  const first = request.slow === 'headers' ? 0 : head.length;
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let sent = first;
    socket.on('connect', () => socket.write(data.subarray(0, first)));
    const timer = setInterval(() => {
      if (sent < data.length && !socket.destroyed) socket.write(data.subarray(sent, (sent += 4)));
    }, 100);
    const done = () => {
      clearInterval(timer);
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0));
    };
    socket.on('data', (c) => (answer += c));
    socket.on('error', () => {});
    socket.on('close', done);
    setTimeout(() => socket.destroy(), 30_000).unref();
  });
}

async function hostile(distDir: string) {
  const server = await startServer(distDir, {
    SITE_URL: SITE,
    DATABASE_PATH: path.join(tmp, 'hostile.db'),
    TRUST_PROXY: '1',
    CONTACT_RATE_LIMIT: '20/60',
    SUBSCRIBE_RATE_LIMIT: '20/60',
    WEBHOOK_SECRET: SECRET,
    ADMIN_TOKEN: ADMIN,
    HEADERS_TIMEOUT_MS: '1000',
    BODY_TIMEOUT_MS: '1000',
  });
  const requests = fc.sample(hostileArb, { numRuns: REQUESTS, seed: 20_260_101 });
  const statuses = new Map<number, number>();
  const problems: string[] = [];
  /** Requests the client could not complete: the server closed the connection after answering early. */
  const closedEarly = new Map<string, number>();
  const memory: number[] = [];
  let slowSent = 0;
  const started = performance.now();
  try {
    await pool(requests, 16, async (request, i) => {
      if (i % 1000 === 0) memory.push(rssMiB(server));
      let status: number;
      if (request.slow) {
        slowSent++;
        status = await sendSlowly(server.port, request);
      } else {
        const response = await fetch(`${server.url}${request.route}`, {
          method: request.method,
          headers: request.headers,
          body: request.body ? new Uint8Array(request.body) : undefined,
          redirect: 'manual',
        }).catch((error: Error) => {
          const reason = `${error.message}: ${(error.cause as Error | undefined)?.message ?? ''}`;
          closedEarly.set(reason, (closedEarly.get(reason) ?? 0) + 1);
          return undefined;
        });
        if (!response) return;
        status = response.status;
        const text = await response.text();
        if (status >= 400 && status !== 404 && status !== 408) {
          try {
            const envelope = JSON.parse(text) as { error?: unknown; requestId?: unknown };
            if (typeof envelope.error !== 'string' || envelope.requestId !== response.headers.get('x-request-id')) problems.push(`${status} without the envelope: ${text.slice(0, 100)}`);
          } catch {
            problems.push(`${status} not JSON: ${text.slice(0, 100)}`);
          }
        }
        if (/node_modules|\bat \w+ \(|SQLITE_/.test(text)) problems.push(`${status} leaks internals: ${text.slice(0, 100)}`);
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 && status !== 503) problems.push(`${request.method} ${request.route} answered ${status}`);
    });
    memory.push(rssMiB(server));
    const healthy = (await fetch(`${server.url}/api/health`)).status === 200;
    if (!healthy) problems.push('the server no longer answers /api/health with 200');
    if (server.child.exitCode !== null) problems.push('the server exited');
    const seconds = (performance.now() - started) / 1000;
    return { requests: requests.length, slowSent, seconds, statuses, problems, memory, closedEarly };
  } finally {
    await server.stop('SIGTERM');
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Two processes, one Postgres, one kill -9

async function processes(distDir: string) {
  const postgres = await startPostgres();
  try {
    const url = await postgres.createDatabase('soak');
    const LIMIT = 12;
    const env = { SITE_URL: SITE, DATABASE_URL: url, TRUST_PROXY: '1', CONTACT_RATE_LIMIT: `${LIMIT}/600` };
    const servers = [await startServer(distDir, env), await startServer(distDir, env)];
    const clients = Math.ceil(POSTS / 20);
    // 20 posts per client against a limit of 12: every client goes over it.
    const posts = Array.from({ length: POSTS }, (_, i) => ({ client: `10.${(i % clients) >> 8}.${i % clients & 255}.1`, n: i }));
    const acknowledged = new Map<string, string>();
    const refused = { 429: 0, connection: 0, other: 0 };
    let killedAt = 0;
    let restartSeconds = 0;
    let restarting: Promise<void> | undefined;
    await pool(posts, 32, async ({ client, n }) => {
      if (n === Math.floor(POSTS / 2) && !restarting) {
        restarting = (async () => {
          killedAt = performance.now();
          await servers[1]!.stop('SIGKILL');
          servers[1] = await startServer(distDir, env);
          restartSeconds = (performance.now() - killedAt) / 1000;
        })();
      }
      const server = servers[n % 2]!;
      try {
        const response = await fetch(`${server.url}/api/contact`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
          body: JSON.stringify({ name: 'Soak', email: 'soak@example.com', message: client }),
        });
        if (response.status === 201) acknowledged.set(((await response.json()) as { id: string }).id, client);
        else if (response.status === 429) refused[429]++;
        else refused.other++;
      } catch {
        refused.connection++;
      }
    });
    await restarting;
    const { query } = await import('../tests/helpers/postgres');
    const stored = new Set((await query<{ id: string }>(url, 'SELECT id FROM submissions')).map((r) => r.id));
    const lost = [...acknowledged.keys()].filter((id) => !stored.has(id)).length;
    const perClient = await query<{ message: string; n: string }>(url, 'SELECT message, count(*) AS n FROM submissions GROUP BY message');
    const overLimit = perClient.filter((r) => Number(r.n) > LIMIT).length;
    await Promise.all(servers.map((s) => s.stop('SIGTERM')));
    return { posts: POSTS, clients, limit: LIMIT, acknowledged: acknowledged.size, stored: stored.size, lost, overLimit, refused, restartSeconds };
  } finally {
    postgres.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. The admin export of a large table

async function largeExport(distDir: string) {
  const databasePath = path.join(tmp, 'export.db');
  const env = { SITE_URL: SITE, DATABASE_PATH: databasePath, ADMIN_TOKEN: ADMIN };
  // The server creates the tables; the rows go in while it is stopped, because the insert blocks
  // this process for seconds, and a kept-alive connection closed meanwhile would be reused.
  await (await startServer(distDir, env)).stop('SIGTERM');
  {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(databasePath);
    const insert = db.prepare('INSERT INTO submissions (id, name, email, message, spam, request_id, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)');
    const start = Date.parse('2026-01-01T00:00:00Z');
    db.transaction(() => {
      for (let i = 0; i < EXPORT_ROWS; i++) {
        insert.run(crypto.randomUUID(), `Sender ${i}`, `s${i}@example.com`, `Message number ${i}, of an ordinary length for a contact form.`, 'soak', new Date(start + i * 1000).toISOString());
      }
    })();
    db.close();
  }
  const server = await startServer(distDir, env);
  try {
    const before = rssMiB(server);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMiB(server)), 500);
    const started = performance.now();
    const response = await fetch(`${server.url}/api/admin/submissions?format=csv`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    clearInterval(sampler);
    return { rows: lines - 1, mib: bytes / 2 ** 20, seconds: (performance.now() - started) / 1000, before, peak: Math.max(before, ...samples) };
  } finally {
    await server.stop('SIGTERM');
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Speed beside the bare handler

async function speed(distDir: string) {
  const server = await startServer(distDir, { SITE_URL: SITE, DATABASE_PATH: path.join(tmp, 'speed.db'), BENCHMARK_ROUTES: '1', CONTACT_RATE_LIMIT: '1000000000/60' });
  const rows: { route: string; rps: number; p99: number; errors: number }[] = [];
  try {
    for (const { route, target } of SPEED_ROUTES) {
      const { rps, p99, errors } = await measurePosts(`${server.url}${target}`, 64, BENCH_SECONDS);
      rows.push({ route, rps, p99, errors });
    }
  } finally {
    await server.stop('SIGTERM');
  }
  return rows;
}

async function main() {
  let distDir = process.env.SOAK_DIST_DIR;
  if (!distDir) {
    console.error('Building the server (npm run build:server)…');
    const build = await buildServer('soak');
    if (build.code !== 0) throw new Error(build.output);
    distDir = build.distDir;
  }
  const parts = (process.env.SOAK_PARTS ?? 'hostile,processes,export,speed').split(',');
  let failed = false;
  const cpus = os.cpus();
  console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}.\n`);

  if (parts.includes('hostile')) {
    console.error(`Hostile: ${REQUESTS} generated requests…`);
    const r = await hostile(distDir);
    const statuses = [...r.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    const [first = 0, ...rest] = r.memory;
    console.log(`Hostile: ${r.requests} requests (${r.slowSent} slow senders) in ${r.seconds.toFixed(0)} s; statuses ${statuses}`);
    console.log(`  server memory (RSS, MiB) every 1,000 requests: ${[first, ...rest].join(', ')}`);
    const early = [...r.closedEarly].map(([reason, n]) => `${n} × ${reason}`).join('; ');
    console.log(`  connections the client could not complete: ${early || 'none'}`);
    console.log(`  problems: ${r.problems.length ? r.problems.slice(0, 20).join('; ') : 'none'}\n`);
    failed ||= r.problems.length > 0;
  }
  if (parts.includes('processes')) {
    console.error(`Processes: ${POSTS} valid POSTs over two processes on Postgres, one killed with -9…`);
    const r = await processes(distDir);
    console.log(`Processes: ${r.posts} POSTs from ${r.clients} clients (limit ${r.limit} each) over two processes; one killed with -9 halfway`);
    console.log(`  acknowledged ${r.acknowledged}, stored ${r.stored}, acknowledged but lost ${r.lost}, clients over the limit ${r.overLimit}`);
    console.log(`  refused: 429 ${r.refused[429]}, connection errors (killed process) ${r.refused.connection}, other ${r.refused.other}; restarted process serving after ${r.restartSeconds.toFixed(1)} s\n`);
    failed ||= r.lost > 0 || r.overLimit > 0 || r.refused.other > 0;
  }
  if (parts.includes('export')) {
    console.error(`Export: ${EXPORT_ROWS} submissions as CSV…`);
    const r = await largeExport(distDir);
    console.log(`Export: ${r.rows} rows, ${r.mib.toFixed(0)} MiB of CSV in ${r.seconds.toFixed(1)} s; server memory (RSS) ${r.before} MiB before, ${r.peak} MiB at most while streaming\n`);
    failed ||= r.rows !== EXPORT_ROWS;
  }
  if (parts.includes('speed')) {
    console.error(`Speed: ${BENCH_SECONDS} s per route at 64 connections…`);
    const rows = await speed(distDir);
    console.log('| Route (SQLite, 64 connections) | Requests/s | p99 ms | Non-2xx/errors |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const row of rows) console.log(`| ${row.route} | ${Math.round(row.rps)} | ${row.p99} | ${row.errors} |`);
    const [bare, bareJson, contact] = rows.map((row) => row.rps) as [number, number, number];
    console.log(`\nPOST /api/contact ÷ bare handler: ${(contact / bare).toFixed(2)} (no body), ${(contact / bareJson).toFixed(2)} (JSON body; the bare JSON answer itself is ${(bareJson / bare).toFixed(2)} of the one without)`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (failed) process.exitCode = 1;
}

await main();
