import type { Content } from '../content';
import { renderCaddyfile } from './hosts/caddy';
import { renderNginxInclude } from './hosts/nginx';
import { renderVercelJson } from './hosts/vercel';
import { OUTPUTS } from './registry';

// The files inside the export that hosts read (`_headers`, `_redirects`, `.nojekyll`) are rows of
// the output table; these server configs go beside the export instead, never into what is published.

/** Server configs from the same output table: an nginx include, a Caddyfile and a vercel.json. */
export function hostConfigs(content: Content): { name: string; body: string }[] {
  return [
    { name: 'nginx-include.conf', body: renderNginxInclude(content, OUTPUTS) },
    { name: 'Caddyfile', body: renderCaddyfile(content, OUTPUTS) },
    { name: 'vercel.json', body: renderVercelJson(content, OUTPUTS) },
  ];
}
