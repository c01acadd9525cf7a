// The benchmark's baselines (scripts/bench.ts, npm run soak): a bare route handler with no request
// layer and no database, answering 204 with no body, or with `?answer=json` a 201 with a small JSON
// body like POST /api/contact's (Next.js streams any response body, which costs more than the 204).
// It answers 404 unless the server runs with BENCHMARK_ROUTES=1.
export const dynamic = 'force-dynamic';

export function POST(request: Request) {
  if (process.env.BENCHMARK_ROUTES !== '1') return new Response(null, { status: 404 });
  if (request.url.endsWith('?answer=json')) return Response.json({ id: '00000000-0000-4000-8000-000000000000' }, { status: 201 });
  return new Response(null, { status: 204 });
}
