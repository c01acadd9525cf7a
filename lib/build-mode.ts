// The two builds of one code base. Export mode (default) is the static site; server mode adds the
// routes and instrumentation named `*.server.ts`, which the export never sees.

export const SERVER_MODE_VALUE = 'server';

export const exportPageExtensions = ['tsx', 'ts'];
export const serverPageExtensions = ['tsx', 'ts', 'server.tsx', 'server.ts'];

export function isServerMode(env: Record<string, string | undefined> = process.env): boolean {
  return env.MDSITE_MODE === SERVER_MODE_VALUE;
}
