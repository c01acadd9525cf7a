import { NextResponse, type NextRequest } from 'next/server';
import { getContent } from '@/lib/content';
import { negotiatedResponse } from '@/lib/outputs/negotiation';
import { redirectTargets } from '@/lib/outputs/redirects';
import { outputFileByPath, type OutputFile } from '@/lib/outputs/registry';
import { DEV_FILES_ROOT } from '@/lib/paths';
import { PAGE_SECURITY_HEADERS } from '@/lib/server/page-headers';
import { trailingSlashTarget } from '@/lib/trailing-slash';

// Server mode only. Old URLs (site redirects, earlier permalink patterns) answer 308 to their new
// place, as the export's redirect pages and `_redirects` do. Next.js's own trailing-slash redirect
// is off in server mode so that /api/* answers without one; this puts it back for pages, as the
// export's hosts and `trailingSlash: true` expect. Page URLs are negotiated: markdown twin or HTML
// by the Accept header (lib/outputs/negotiation.ts). Every answer gets the security headers of pages.
export async function proxy(request: NextRequest) {
  const { basePath, search, pathname } = request.nextUrl;
  const content = await getContent();
  const redirects = redirectTargets(content);
  const moved = redirects.get(pathname) ?? redirects.get(`${pathname}/`);
  const target = trailingSlashTarget(pathname);
  // Locations are absolute here because Next.js's proxy adapter cannot parse a relative one (it
  // answers 500); it turns a Location on the request's own host into a relative one, so the Host a
  // client sent never appears in the answer (tests/server/api.test.ts checks it).
  // Files under an entry's URL (twins, co-located files) of entries added or edited after the build:
  // the entry page routes would take them, so they go to the catch-all's own prefix (withDevFiles).
  const entryFile = !moved && !target && isEntryFile(outputFileByPath(content).get(pathname));
  const response = moved
    ? NextResponse.redirect(moved.startsWith('/') ? new URL(`${basePath}${moved}`, request.url) : moved, 308)
    : target
      ? NextResponse.redirect(new URL(`${basePath}${target}${search}`, request.url), 308)
      : entryFile
        ? NextResponse.rewrite(new URL(`${basePath}${DEV_FILES_ROOT}${pathname}${search}`, request.url))
        : await negotiatedResponse(request);
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

/** A file the root catch-all serves (twins, co-located files, list twins): the entry page routes would take its path. */
const isEntryFile = (output: OutputFile | undefined) => output?.row.route === '/[...file]';

// Never for the API routes (a proxy would also buffer request bodies) or Next.js assets; the API's
// generated JSON files are GET-only and get the page headers.
export const config = { matcher: ['/((?!api(?:/|$)|_next/).*)', '/api/posts.json', '/api/tags.json', '/api/posts/:file'] };
