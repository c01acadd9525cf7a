import { createHash } from 'node:crypto';
import fresh from 'fresh';
import type { OutputFile } from '../outputs/registry';

// HTTP caching of pages and generated files in server mode. Next.js marks prerendered routes
// `s-maxage=31536000`, so a CDN in front would keep a page for a year after the content webhook
// reloaded it. Instead every answer may be cached briefly and then served stale while a cache asks
// again; validators make that question cheap (304 without a body).

export interface CachePolicy {
  maxAgeSeconds: number;
  staleWhileRevalidateSeconds: number;
}

/** The Cache-Control of pages and generated files: fresh for a short while, then revalidated. */
export const cacheControl = ({ maxAgeSeconds, staleWhileRevalidateSeconds }: CachePolicy) =>
  `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${staleWhileRevalidateSeconds}`;

// One entry per output file object; a reload makes new file objects, so old tags go with the old content.
const tags = new WeakMap<OutputFile['file'], Promise<string>>();

/** A strong entity tag of a generated file's bytes, computed once per file of a content. */
export function fileETag({ file }: OutputFile): Promise<string> {
  let tag = tags.get(file);
  if (!tag) {
    tag = Promise.resolve(file.body()).then((body) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`);
    tags.set(file, tag);
  }
  return tag;
}

/**
 * True when the client's copy is current (If-None-Match names this tag, `*`, or a list with it; weak
 * tags compare weakly): answer 304. `fresh` is the check Express and Next.js run. Its rule that a
 * request's `Cache-Control: no-cache` forces a full answer is left out, as Next.js does for pages:
 * that header asks caches to revalidate, which is this very request (fetch() sends it with every
 * If-None-Match), and RFC 9110 has the origin evaluate the condition regardless.
 */
export function isNotModified(requestHeaders: Headers, etag: string): boolean {
  return fresh({ 'if-none-match': requestHeaders.get('if-none-match') ?? undefined }, { etag });
}
