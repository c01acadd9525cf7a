import type { Content } from '../content';
import { renderCaddyfile } from './hosts/caddy';
import { renderNginxInclude } from './hosts/nginx';
import { renderHeadersFile, renderRedirectsFile } from './hosts/static-headers';
import { renderVercelJson } from './hosts/vercel';
import { OUTPUTS } from './registry';

/**
 * Files written into the export beside what Next.js writes: `_headers` and `_redirects` (Netlify,
 * Cloudflare Pages), and `.nojekyll`, which keeps GitHub Pages from dropping `_next/`.
 */
export function hostFiles(content: Content): { name: string; body: string }[] {
  return [
    { name: '_headers', body: renderHeadersFile(content, OUTPUTS) },
    { name: '_redirects', body: renderRedirectsFile(content, []) },
    { name: '.nojekyll', body: '' },
  ];
}

/** The folder beside the export that holds the server configs (never inside the served folder). */
export const hostConfigDir = (outDir: string) => `${outDir.replace(/\/+$/, '')}-host`;

/**
 * Server configs written beside the export, from the same output table: an nginx include, a
 * Caddyfile and a vercel.json.
 */
export function hostConfigs(content: Content): { name: string; body: string }[] {
  return [
    { name: 'nginx-include.conf', body: renderNginxInclude(content, OUTPUTS) },
    { name: 'Caddyfile', body: renderCaddyfile(content, OUTPUTS) },
    { name: 'vercel.json', body: renderVercelJson(content, OUTPUTS) },
  ];
}
