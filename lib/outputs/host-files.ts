import type { Content } from '../content';
import { outputFiles } from './registry';

/**
 * The `_headers` file of Netlify and Cloudflare Pages: the Content-Type (with charset) and
 * Cache-Control of every output file, listed by exact path so no two rules merge; long caching for
 * Next.js's hashed assets. Static hosts otherwise guess from the extension, and know neither `.md`
 * nor extension-less `.well-known` files.
 */
export function renderHeadersFile(content: Content): string {
  const prefix = content.site.basePath;
  const rule = (path: string, headers: Record<string, string>) => [
    `${prefix}${path}`,
    ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`),
  ];
  return [
    '# Written by npm run build from lib/outputs/registry.ts.',
    ...rule('/*', { 'X-Content-Type-Options': 'nosniff' }),
    ...rule('/_next/static/*', { 'Cache-Control': 'public, max-age=31536000, immutable' }),
    ...outputFiles(content).flatMap(({ format, file }) =>
      rule(file.path, {
        'Content-Type': format.mediaType,
        'Cache-Control': format.cache,
        ...(format.cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      }),
    ),
    '',
  ].join('\n');
}

/** Files written into the export beside what Next.js writes. `.nojekyll` keeps GitHub Pages from dropping `_next/`. */
export function hostFiles(content: Content): { name: string; body: string }[] {
  return [
    { name: '_headers', body: renderHeadersFile(content) },
    { name: '.nojekyll', body: '' },
  ];
}
