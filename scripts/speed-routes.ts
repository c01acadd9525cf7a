// What the speed benchmarks (npm run bench, npm run soak) compare POST /api/contact with: the bare
// route handler without a body, and the same handler answering a JSON body as contact does.
import autocannon from 'autocannon';
export const SPEED_ROUTES = [
  { route: 'bare handler (204, no body)', target: '/api/bench/noop' },
  { route: 'bare handler (201, JSON body)', target: '/api/bench/noop?answer=json' },
  { route: 'POST /api/contact (201)', target: '/api/contact' },
] as const;

/** Seconds of requests sent before each measured run, so that loading a route's code is not counted. */
const WARM_UP_SECONDS = 2;

/** A valid contact submission: every route gets the same POST. */
const BODY = JSON.stringify({ name: 'Bench Mark', email: 'bench@example.com', message: 'A message of ordinary length for the benchmark.' });

/** POSTs to `url` from `connections` clients: a warm-up, then `seconds` measured. */
export async function measurePosts(url: string, connections: number, seconds: number) {
  const options = { url, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: BODY, connections };
  await autocannon({ ...options, duration: WARM_UP_SECONDS });
  const result = await autocannon({ ...options, duration: seconds });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
}
