import { afterAll, vi } from 'vitest';

// Unit test files share one worker and what it imported from node_modules (isolate: false in
// vitest.config.ts), which halves their CPU time. Each file still leaves the next one the process
// environment it found and a fresh copy of the project's own modules, so a file that sets
// process.env or re-imports modules with other settings affects no other file.
const ENV_AT_START = Symbol.for('mdsite.unit.env-at-start');
const envAtStart = ((globalThis as Record<symbol, unknown>)[ENV_AT_START] ??= { ...process.env }) as NodeJS.ProcessEnv;

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in envAtStart)) delete process.env[name];
  Object.assign(process.env, envAtStart);
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.resetModules();
});
