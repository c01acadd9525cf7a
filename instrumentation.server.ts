// Server mode only: runs once when `next start` boots (not during the build).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./lib/server/lifecycle');
  await startServer();
}
