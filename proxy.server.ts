import { NextResponse, type NextRequest } from 'next/server';
import { PAGE_SECURITY_HEADERS } from '@/lib/server/page-headers';
import { trailingSlashTarget } from '@/lib/trailing-slash';

// Server mode only. Next.js's own trailing-slash redirect is off in server mode so that /api/* answers
// without one; this puts it back for pages, as the export's hosts and `trailingSlash: true` expect.
// It also adds the security headers of pages and generated files.
export function proxy(request: NextRequest) {
  const target = trailingSlashTarget(request.nextUrl.pathname);
  // Next.js turns a redirect to the request's own host into a relative Location ("/about/"), so the
  // Host header a client sent never appears in the answer (tests/server/api.test.ts checks it).
  const response = target ? NextResponse.redirect(new URL(`${request.nextUrl.basePath}${target}${request.nextUrl.search}`, request.url), 308) : NextResponse.next();
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

// Never for the API routes (a proxy would also buffer request bodies) or Next.js assets; the API's
// generated JSON files are GET-only and get the page headers.
export const config = { matcher: ['/((?!api(?:/|$)|_next/).*)', '/api/posts.json', '/api/tags.json', '/api/posts/:file'] };
