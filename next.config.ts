import os from 'node:os';
import path from 'node:path';
import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_SERVER } from 'next/constants';
import { isServerMode, serverPageExtensions } from './lib/build-mode';
import { templateHash } from './lib/og/template-hash';
import { DEV_FILES_ROOT } from './lib/paths';

// Next.js joins distDir to the project folder even when it is absolute, so pass it relative.
const projectRelative = (dir: string) => path.relative(import.meta.dirname, path.resolve(dir));

// Export mode (default) writes a static site to out/. BASE_PATH serves it below a sub-path.
const basePath = (process.env.BASE_PATH ?? '').replace(/\/$/, '');

// Server mode (MDSITE_MODE=server, set by `npm run build:server` and `npm start`) builds the same app as a
// Node server and adds the server-only `*.server.ts` routes; DIST_DIR gives it its own build folder.
const modeConfig: NextConfig = isServerMode()
  ? {
      pageExtensions: serverPageExtensions,
      // API routes answer at /api/contact exactly (a 308 to /api/contact/ would break POSTs and CORS
      // preflights); proxy.server.ts keeps the trailing-slash redirect for pages.
      skipTrailingSlashRedirect: true,
      ...(process.env.DIST_DIR ? { distDir: projectRelative(process.env.DIST_DIR) } : {}),
    }
  : {
      output: 'export',
      experimental: {
        // Next runs static generation in cores − 1 workers (one on two cores): use every core.
        // NEXT_BUILD_CPUS lowers it on a shared machine.
        cpus: Number(process.env.NEXT_BUILD_CPUS) || os.availableParallelism(),
        // Turbopack's cache of earlier compiles in .next/cache: at 1,000 posts a compile after a code
        // change took 8-22 s at 1.3-2.0 GB with it (restoring and rewriting it) and 12-13 s at 1.1 GB
        // without, and a build of unchanged code skips the compile anyway (scripts/build.ts).
        turbopackFileSystemCacheForBuild: false,
      },
      // `npm run build` passes a hash of the code, config and lockfile, so the same code gives the same
      // build id and an incremental export can keep the pages of the previous one.
      ...(process.env.MDSITE_BUILD_ID ? { generateBuildId: async () => process.env.MDSITE_BUILD_ID! } : {}),
      // In export mode Next.js writes the export into distDir when one is set: OUT_DIR lets tests and
      // scripts build several sites side by side. Default: .next for the build, out/ for the export.
      ...(process.env.OUT_DIR ? { distDir: projectRelative(process.env.OUT_DIR) } : {}),
    };

const nextConfig: NextConfig = {
  ...modeConfig,
  trailingSlash: true,
  images: { unoptimized: true },
  basePath: basePath || undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run build` sets MDSITE_TYPES_CHECKED: it type-checks before next build starts (or, for an
  // incremental export, the same code by hash passed the check in the export it extends).
  typescript: { ignoreBuildErrors: process.env.MDSITE_TYPES_CHECKED === '1' },
  turbopack: { root: import.meta.dirname },
  // `next dev` matches the entry pages (app/[slug]/…) before the catch-all that serves twins and
  // co-located files, so in development a path with a file extension that no static route or public
  // file answers goes to the dev-only route of every emitted file (DEV_FILES_ROOT in lib/paths.ts).
  // The export writes the files themselves, and the server build answers them from its prerendered paths.
  ...(process.env.NODE_ENV === 'development'
    ? {
        rewrites: async () => [{ source: '/:path*/:file([^/]+\\.[A-Za-z0-9]+)', destination: `${DEV_FILES_ROOT}/:path*/:file` }],
      }
    : {}),
  // A native addon: Turbopack cannot bundle its .node file (used by the Open Graph cards, lib/og).
  serverExternalPackages: ['@resvg/resvg-js', ...(isServerMode() ? ['better-sqlite3'] : [])],
};

// Open Graph card cache keys include the hash of the card template, fixed here when the code is built
// and written into the bundles (lib/og/template-hash.ts); `next start` runs the built code as it is.
export default async function config(phase: string): Promise<NextConfig> {
  if (phase === PHASE_PRODUCTION_SERVER) return nextConfig;
  return { ...nextConfig, env: { OG_TEMPLATE_HASH: await templateHash(path.join(import.meta.dirname, 'lib/og')) } };
}
