import { NextResponse, type NextRequest } from 'next/server';
import { PAGE_SECURITY_HEADERS } from '@/lib/server/page-headers';
import { trailingSlashTarget } from '@/lib/trailing-slash';

/** `/posts/<slug>.md` and `/<slug>.md`: the markdown twins. */
const TWIN = /^(\/posts)?\/([^/.]+)\.md$/;

// Server mode only. Next.js's own trailing-slash redirect is off in server mode so that /api/* answers
// without one; this puts it back for pages, as the export's hosts and `trailingSlash: true` expect.
// It also adds the security headers of pages and generated files.
export function proxy(request: NextRequest) {
  const { pathname, basePath, search } = request.nextUrl;
  const target = trailingSlashTarget(pathname);
  const twin = TWIN.exec(pathname);
  let response: NextResponse;
  if (target) {
    // Next.js turns a redirect to the request's own host into a relative Location ("/about/"), so the
    // Host header a client sent never appears in the answer (tests/server/api.test.ts checks it).
    response = NextResponse.redirect(new URL(`${basePath}${target}${search}`, request.url), 308);
  } else if (twin) {
    // The twin of an entry added after the build would match the [slug] page (a single segment wins
    // over the catch-all file route): serve it from the file route's <slug>/index.md alias instead.
    response = NextResponse.rewrite(new URL(`${basePath}${twin[1] ?? ''}/${twin[2]}/index.md${search}`, request.url));
  } else {
    response = NextResponse.next();
  }
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

// Never for the API routes (a proxy would also buffer request bodies) or Next.js assets; the API's
// generated JSON files are GET-only and get the page headers.
export const config = { matcher: ['/((?!api(?:/|$)|_next/).*)', '/api/posts.json', '/api/tags.json', '/api/posts/:file'] };
