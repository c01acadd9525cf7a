import type { Site } from '../site';
import { absoluteUrl, withBase } from '../urls';
import { sitemapPath } from '../paths';

/** robots.txt (RFC 9309): everything open to search crawlers, AI crawlers per `aiCrawlers.policy`. */
export function renderRobotsTxt(site: Site): string {
  const root = withBase(site, '/');
  const { policy, agents } = site.aiCrawlers;
  return [
    'User-agent: *',
    `Allow: ${root}`,
    '',
    `# AI crawlers: ${policy === 'allow' ? 'allowed' : 'disallowed'} (aiCrawlers.policy in site.config.ts; llms.txt says the same)`,
    ...agents.map((agent) => `User-agent: ${agent}`),
    `${policy === 'allow' ? 'Allow' : 'Disallow'}: ${root}`,
    '',
    `Sitemap: ${absoluteUrl(site, sitemapPath())}`,
    '',
  ].join('\n');
}
