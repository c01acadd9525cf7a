import path from 'node:path';
import siteConfig from '@/site.config';
import { buildContent, type Content } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { resolveSite } from '@/lib/site';

export const HOSTILE = path.resolve(import.meta.dirname, '../fixtures/hostile');
export const BUILD_DATE = '2026-01-01T00:00:00Z';

/** The hostile fixture loaded as the build would, under base path /blog, with config overrides. */
export async function hostileContent(overrides: Record<string, unknown> = {}): Promise<Content> {
  const site = resolveSite({ ...siteConfig, ...overrides }, { CONTENT_DIR: HOSTILE, BUILD_DATE, BASE_PATH: '/blog', NODE_ENV: 'production' });
  return buildContent(site, await loadContent(site));
}
