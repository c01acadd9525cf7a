import { NextResponse, type NextRequest } from 'next/server';
import { getContent, type Content } from '@/lib/content';
import { decodedSitePath, negotiatePage } from '@/lib/outputs/negotiation';
import { redirectTargets } from '@/lib/outputs/redirects';
import { outputFileByPath, type OutputFile } from '@/lib/outputs/registry';
import { DEV_FILES_ROOT } from '@/lib/paths';
import { getServerConfig } from '@/lib/server/config';
import { cacheControl, fileETag, isNotModified } from '@/lib/server/http-cache';
import { PAGE_SECURITY_HEADERS } from '@/lib/server/page-headers';
import { trailingSlashTarget } from '@/lib/trailing-slash';

// Server mode only, in front of every page and generated file:
// - old URLs (site redirects, earlier permalink patterns) answer 308 to their new place, as the
//   export's redirect pages and `_redirects` do; pages get back the trailing-slash redirect that
//   Next.js has off in server mode so that /api/* answers without one;
// - page URLs are negotiated: markdown twin or HTML by the Accept header (lib/outputs/negotiation.ts);
// - generated files get an ETag and answer If-None-Match with 304 (Next.js does it for pages);
// - every answer gets the security headers of pages and a short Cache-Control (lib/server/http-cache.ts).
export async function proxy(request: NextRequest) {
  const content = await getContent();
  const response = redirectResponse(request, content) ?? (await contentResponse(request, content));
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set('Cache-Control', cacheControl(getServerConfig().cache));
  return response;
}

// Locations are absolute here because Next.js's proxy adapter cannot parse a relative one (it
// answers 500); it turns a Location on the request's own host into a relative one, so the Host a
// client sent never appears in the answer (tests/server/api.test.ts checks it).
function redirectResponse(request: NextRequest, content: Content): NextResponse | undefined {
  const { basePath, search, pathname } = request.nextUrl;
  const redirects = redirectTargets(content);
  const moved = redirects.get(pathname) ?? redirects.get(`${pathname}/`);
  if (moved) return NextResponse.redirect(moved.startsWith('/') ? new URL(`${basePath}${moved}`, request.url) : moved, 308);
  const target = trailingSlashTarget(pathname);
  return target ? NextResponse.redirect(new URL(`${basePath}${target}${search}`, request.url), 308) : undefined;
}

async function contentResponse(request: NextRequest, content: Content): Promise<NextResponse> {
  const { basePath, search, pathname } = request.nextUrl;
  const page = negotiatePage(content, pathname, request.headers.get('accept'));
  const servedPath = page?.rewriteTo ?? decodedSitePath(pathname);
  const output = servedPath === undefined ? undefined : outputFileByPath(content).get(servedPath);
  const etag = output && (await fileETag(output));
  const response =
    etag && ['GET', 'HEAD'].includes(request.method) && isNotModified(request.headers, etag)
      ? new NextResponse(null, { status: 304 })
      : isEntryFile(output)
        ? // Files under an entry's URL (twins, co-located files): the entry page routes would take
          // their paths, so they go to the catch-all's own prefix (withDevFiles).
          NextResponse.rewrite(new URL(`${basePath}${DEV_FILES_ROOT}${encodeURI(servedPath!)}${search}`, request.url))
        : page?.rewriteTo
          ? NextResponse.rewrite(new URL(`${basePath}${encodeURI(page.rewriteTo)}${search}`, request.url))
          : NextResponse.next();
  // The twin answers with its own headers (Vary: Accept); the HTML gets Vary and the Link headers.
  for (const [name, value] of Object.entries(page ? (page.rewriteTo ? { Vary: 'Accept' } : page.headers) : {})) response.headers.set(name, value);
  if (etag) response.headers.set('ETag', etag);
  return response;
}

/** A file the root catch-all serves (twins, co-located files, list twins): the entry page routes would take its path. */
const isEntryFile = (output: OutputFile | undefined) => output?.row.route === '/[...file]';

// Never for the API routes (a proxy would also buffer request bodies) or Next.js assets; the API's
// generated JSON files are GET-only and get the page headers.
export const config = { matcher: ['/((?!api(?:/|$)|_next/).*)', '/api/posts.json', '/api/tags.json', '/api/posts/:file'] };
