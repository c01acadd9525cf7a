import type { Site } from '../site';
import { absoluteUrl, withBase } from '../urls';
import { sitemapPath } from '../paths';

/** contentsignals.org: how the content may be used, one yes/no per use. */
export interface ContentSignals {
  search: boolean;
  'ai-input': boolean;
  'ai-train': boolean;
}

/** The site's content-use policy (`aiCrawlers.policy`) as content signals. */
export function contentSignals(site: Pick<Site, 'aiCrawlers'>): ContentSignals {
  const { policy } = site.aiCrawlers;
  return { search: true, 'ai-input': policy !== 'disallow', 'ai-train': policy === 'allow' };
}

/** The AI crawlers robots.txt shuts out under the policy. */
export function disallowedAgents(site: Pick<Site, 'aiCrawlers'>): string[] {
  const { policy, agents, trainingAgents } = site.aiCrawlers;
  if (policy === 'disallow') return agents;
  if (policy === 'no-training') return trainingAgents;
  return [];
}

/** `Content-Signal: search=yes, ai-input=yes, ai-train=no` */
export function contentSignalLine(site: Pick<Site, 'aiCrawlers'>): string {
  const signals = contentSignals(site);
  return `Content-Signal: ${Object.entries(signals).map(([use, yes]) => `${use}=${yes ? 'yes' : 'no'}`).join(', ')}`;
}

/**
 * robots.txt (RFC 9309): everything open to search crawlers; the AI crawlers the content-use
 * policy shuts out get a group of their own. Every group carries the policy as a Content-Signal
 * line (contentsignals.org), which crawlers that know it read as the terms of use.
 */
export function renderRobotsTxt(site: Site): string {
  const root = withBase(site, '/');
  const shutOut = disallowedAgents(site);
  const allowedAi = site.aiCrawlers.agents.filter((agent) => !shutOut.includes(agent));
  const group = (agents: string[], rule: 'Allow' | 'Disallow') => [...agents.map((a) => `User-agent: ${a}`), contentSignalLine(site), `${rule}: ${root}`, ''];
  return [
    `# Content use: aiCrawlers.policy "${site.aiCrawlers.policy}" in site.config.ts (llms.txt says the same)`,
    ...group(['*'], 'Allow'),
    ...(allowedAi.length ? ['# AI crawlers: allowed', ...group(allowedAi, 'Allow')] : []),
    ...(shutOut.length ? ['# AI crawlers: disallowed', ...group(shutOut, 'Disallow')] : []),
    `Sitemap: ${absoluteUrl(site, sitemapPath())}`,
    '',
  ].join('\n');
}
