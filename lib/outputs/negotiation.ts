import { perContent, type Content } from '../content';
import { prefersMarkdown } from '../negotiate';
import { twinOfPagePath } from '../paths';
import { withBase } from '../urls';
import { apiCatalogLink, markdownAlternateLink } from './hosts/rules';
import { OUTPUTS } from './registry';

// Markdown negotiation for a running server (server mode): the same answers the generated nginx,
// Caddy and Vercel rules give the export.

/** Site paths of every markdown twin (posts, pages and list pages). */
const twinPaths = perContent((content: Content) => new Set(OUTPUTS.filter((row) => row.vary === 'Accept').flatMap((row) => row.files(content).map((f) => f.path))));

export interface PageAnswer {
  /** Site path to answer with instead (the markdown twin), when the client asked for markdown. */
  rewriteTo?: string;
  /** Headers for the answer, whichever it is. */
  headers: Record<string, string>;
}

/** A request's percent-encoded path as the site's paths are written, or undefined when it is malformed. */
export function decodedSitePath(sitePath: string): string | undefined {
  try {
    return decodeURIComponent(sitePath);
  } catch {
    return undefined;
  }
}

/**
 * How to answer a request for `sitePath` (without base path, as the client sent it, percent-encoded)
 * with this Accept header: page URLs (ending in "/") get `Vary: Accept`, the `Link` headers, and
 * their markdown twin when the client prefers markdown and the page has one. Other paths (files)
 * are not negotiated: undefined.
 */
export function negotiatePage(content: Content, sitePath: string, accept: string | null): PageAnswer | undefined {
  const decoded = sitePath.endsWith('/') ? decodedSitePath(sitePath) : undefined;
  if (decoded === undefined) return undefined;
  const twin = twinOfPagePath(decoded);
  const hasTwin = twinPaths(content).has(twin);
  const links = [...(hasTwin ? [markdownAlternateLink(withBase(content.site, twinOfPagePath(sitePath)))] : []), apiCatalogLink(content)];
  return {
    ...(hasTwin && prefersMarkdown(accept) ? { rewriteTo: twin } : {}),
    headers: { Vary: 'Accept', Link: links.join(', ') },
  };
}
