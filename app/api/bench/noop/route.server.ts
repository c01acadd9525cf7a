// The benchmark's baseline (scripts/bench.ts): a bare route handler with no request layer and no
// database. It answers 404 unless the server runs with BENCHMARK_ROUTES=1.
export const dynamic = 'force-dynamic';

export function POST() {
  return new Response(null, { status: process.env.BENCHMARK_ROUTES === '1' ? 204 : 404 });
}
