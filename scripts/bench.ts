// npm run bench: requests per second and p50/p99 latency of POST /api/contact (validation + insert,
// rate limit raised) against a bare route handler answering 204 and the same answering a JSON body,
// at 1, 16 and 64 connections, with
// SQLite and with Postgres, in one run. Prints a markdown table and the machine it ran on.
import os from 'node:os';
import path from 'node:path';
import { startPostgres } from '../tests/helpers/postgres';
import { buildServer, startServer } from '../tests/helpers/server';
import { measurePosts, SPEED_ROUTES } from './speed-routes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = [1, 16, 64];

interface Row {
  store: string;
  route: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}


async function main() {
  console.error('Building the server (npm run build:server)…');
  const build = await buildServer('bench');
  if (build.code !== 0) throw new Error(build.output);
  const postgres = await startPostgres();
  const tmp = path.join(os.tmpdir(), `mdsite-bench-${process.pid}`);
  const stores: [string, Record<string, string>][] = [
    ['SQLite', { DATABASE_PATH: path.join(tmp, 'bench.db') }],
    ['Postgres', { DATABASE_URL: await postgres.createDatabase('bench') }],
  ];
  const rows: Row[] = [];
  try {
    for (const [store, env] of stores) {
      const server = await startServer(build.distDir, { ...env, BENCHMARK_ROUTES: '1', CONTACT_RATE_LIMIT: '1000000000/60' });
      try {
        for (const { route, target } of SPEED_ROUTES) {
          for (const connections of CONNECTIONS) {
            console.error(`${store} ${route} ${connections} connection(s)…`);
            rows.push({ store, route, connections, ...(await measurePosts(`${server.url}${target}`, connections, SECONDS)) });
          }
        }
      } finally {
        await server.stop('SIGTERM');
      }
    }
  } finally {
    postgres.stop();
  }

  const cpus = os.cpus();
  console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}; ${SECONDS} s per row.\n`);
  console.log('| Store | Route | Connections | Requests/s | p50 ms | p99 ms | Non-2xx/errors |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.store} | ${r.route} | ${r.connections} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
}

await main();
