import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Four projects, each runnable alone (`npm test -- --project e2e`).
// - unit: files share their worker's imports of node_modules (isolate: false), which saves
//   re-importing shiki, zod and the fonts for every file; tests/setup/unit-file.ts gives each file
//   the process.env and fresh project modules it would have had alone. A vi.mock() of a package
//   stays for the files after it in the same worker. Rendering cards or the fixture content takes
//   seconds on a busy 2-core machine, hence 30 s for a test or hook.
// - export, e2e, server: they build the site or start servers, and each `next build` wants both
//   cores, so their files run one at a time (vitest puts every file of a project without file
//   parallelism into one sequential group). Their global setup checks, and installs when it can,
//   the system programs they drive (tests/setup/system-tools.ts).
const oneFileAtATime = {
  environment: 'node' as const,
  fileParallelism: false,
  // Limits for hung processes, not for slowness: a build takes minutes on two cores shared with other work.
  testTimeout: 180_000,
  hookTimeout: 1_800_000,
  globalSetup: ['tests/setup/global-setup.ts'],
};

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', isolate: false, maxWorkers: 2, setupFiles: ['tests/setup/unit-file.ts'], testTimeout: 30_000, hookTimeout: 30_000, globalSetup: ['tests/setup/global-setup.ts'] },
      },
      { extends: true, test: { name: 'export', include: ['tests/build/**/*.test.ts'], ...oneFileAtATime } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], ...oneFileAtATime } },
      { extends: true, test: { name: 'server', include: ['tests/server/**/*.test.ts'], ...oneFileAtATime } },
    ],
  },
});
