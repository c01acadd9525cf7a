import type { Content } from '../content';
import type { OutputFile } from './registry';

/**
 * The `_headers` file of Netlify and Cloudflare Pages: the Content-Type (with charset) and
 * Cache-Control of every output file whose type a host cannot infer from its extension, listed by
 * exact path so no two rules merge; long caching for Next.js's hashed assets. Static hosts
 * otherwise guess from the extension, and know neither `.md` nor extension-less `.well-known` files.
 */
export function renderHeadersFile(content: Content, outputs: OutputFile[]): string {
  const prefix = content.site.basePath;
  const rule = (path: string, headers: Record<string, string>) => [
    `${prefix}${path}`,
    ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`),
  ];
  return [
    '# Written by npm run build from lib/outputs/registry.ts.',
    ...rule('/*', { 'X-Content-Type-Options': 'nosniff' }),
    ...rule('/_next/static/*', { 'Cache-Control': 'public, max-age=31536000, immutable' }),
    ...outputs
      .filter(({ row }) => row.route !== undefined && !row.typeFromExtension)
      .flatMap(({ row, file }) =>
        rule(file.path, {
          'Content-Type': file.mediaType ?? row.mediaType,
          'Cache-Control': row.cache,
          ...(row.cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
        }),
      ),
    '',
  ].join('\n');
}
