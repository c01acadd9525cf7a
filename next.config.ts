import path from 'node:path';
import type { NextConfig } from 'next';

// Export mode (default) writes a static site to out/. BASE_PATH serves it below a sub-path.
const basePath = (process.env.BASE_PATH ?? '').replace(/\/$/, '');

const nextConfig: NextConfig = {
  output: 'export',
  trailingSlash: true,
  images: { unoptimized: true },
  basePath: basePath || undefined,
  // In export mode Next.js writes the export into distDir when one is set: OUT_DIR lets tests and
  // scripts build several sites side by side. Default: .next for the build, out/ for the export.
  ...(process.env.OUT_DIR ? { distDir: path.relative(import.meta.dirname, path.resolve(process.env.OUT_DIR)) } : {}),
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
  turbopack: { root: import.meta.dirname },
  // `next dev` matches the [slug] pages before the [...file] routes that serve the markdown twins,
  // so in development /posts/x.md and /x.md go to the routes' dev-only alias x/index.md
  // (lib/entry-files.ts). The export writes the twins as files and needs no rewrite.
  ...(process.env.NODE_ENV === 'development'
    ? {
        rewrites: async () => [
          { source: '/posts/:slug([^/.]+)\\.md', destination: '/posts/:slug/index.md' },
          { source: '/:slug([^/.]+)\\.md', destination: '/:slug/index.md' },
        ],
      }
    : {}),
  // A native addon: Turbopack cannot bundle its .node file (used by the Open Graph cards, lib/og).
  serverExternalPackages: ['@resvg/resvg-js'],
};

export default nextConfig;
