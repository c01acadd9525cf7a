import { isServerMode } from './build-mode';
import type { Site } from './site';
import { withBase } from './urls';

export type FormEndpoint = 'contact' | 'subscribe';

/**
 * Where the site's forms post. Server mode: its own API. Export mode: the server build at
 * PUBLIC_API_ORIGIN (its URL, with a base path if it has one), or nowhere (undefined) without it.
 */
export function formAction(site: Pick<Site, 'basePath'>, endpoint: FormEndpoint, env: Record<string, string | undefined> = process.env): string | undefined {
  if (isServerMode(env)) return withBase(site, `/api/${endpoint}`);
  const apiOrigin = env.PUBLIC_API_ORIGIN?.trim().replace(/\/$/, '');
  return apiOrigin ? `${apiOrigin}/api/${endpoint}` : undefined;
}
