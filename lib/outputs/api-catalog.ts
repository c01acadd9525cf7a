import { isServerMode } from '../build-mode';
import type { Content } from '../content';
import { apiBaseUrl } from '../openapi';
import { absoluteUrl } from '../urls';
import { apiCatalogPath, feedPath, llmsFullPath, llmsPath, openApiPath, postsApiPath, sitemapPath, tagsApiPath } from '../paths';

/** RFC 9727 names this profile for a catalog's linkset. */
export const API_CATALOG_PROFILE = 'https://www.rfc-editor.org/info/rfc9727';
export const API_CATALOG_MEDIA_TYPE = `application/linkset+json; profile="${API_CATALOG_PROFILE}"`;

/** The part of an output row the catalog reads: which files it emits, and their media type. */
interface CatalogRow {
  name: string;
  mediaType: string;
  files(content: Content): { path: string }[];
}

interface Target {
  href: string;
  type?: string;
  title?: string;
}

/** Only the type and subtype: a linkset's `type` hint names a media type, without parameters. */
const bareType = (mediaType: string) => mediaType.split(';')[0]!.trim();

/**
 * `/.well-known/api-catalog` (RFC 9727): a linkset (RFC 9264) whose one context, the catalog
 * itself, lists every machine-readable entry point of the site as an `item`, each with the media
 * type its output row serves: the feeds, the JSON API, the sitemap, the llms files and the OpenAPI
 * document. When the POST API runs somewhere (server mode, or PUBLIC_API_ORIGIN for an export) a
 * second context describes it with `service-desc` (OpenAPI) and `status` (the health check).
 */
export function renderApiCatalog(content: Content, rows: CatalogRow[], env: Record<string, string | undefined> = process.env): string {
  const { site } = content;
  const url = (p: string) => absoluteUrl(site, p);
  const typeOf = (path: string) => {
    const row = rows.find((r) => r.files(content).some((f) => f.path === path));
    return row ? { type: bareType(row.mediaType), title: row.name } : undefined;
  };
  const entryPoints = [
    feedPath('rss'), feedPath('atom'), feedPath('json'), postsApiPath(), tagsApiPath(), sitemapPath(), llmsPath(), llmsFullPath(),
  ];
  const items: Target[] = entryPoints.flatMap((path) => {
    const row = typeOf(path);
    return row ? [{ href: url(path), ...row }] : [];
  });
  // Its type hint is the one its output row serves, as for every item: a link naming one media type
  // for a file served as another misleads clients that trust the hint.
  const openApi: Target = { href: url(openApiPath()), ...typeOf(openApiPath()), title: 'OpenAPI description of the POST API' };
  items.push(openApi);

  const postApiRuns = isServerMode(env) || Boolean(env.PUBLIC_API_ORIGIN?.trim());
  const apiBase = apiBaseUrl(site, env);
  const linkset: Record<string, unknown>[] = [{ anchor: url(apiCatalogPath()), item: items }];
  if (postApiRuns) {
    items.push({ href: `${apiBase}/api/`, title: 'POST API (contact, subscribe, content webhook)' });
    linkset.push({
      anchor: `${apiBase}/api/`,
      'service-desc': [openApi],
      status: [{ href: `${apiBase}/api/health`, type: 'application/json' }],
    });
  }
  return `${JSON.stringify({ linkset }, null, 2)}\n`;
}
