import { NextResponse, type NextRequest } from 'next/server';
import { getContent } from '@/lib/content';
import { redirectTargets } from '@/lib/outputs/redirects';
import { trailingSlashTarget } from '@/lib/trailing-slash';

// Server mode only. Old URLs (site redirects, earlier permalink patterns) answer 308 to their new
// place, as the export's redirect pages and `_redirects` do. Next.js's own trailing-slash redirect
// is off in server mode so that /api/* answers without one; this puts it back for pages, as the
// export's hosts and `trailingSlash: true` expect.
export async function proxy(request: NextRequest) {
  const { basePath, search, pathname } = request.nextUrl;
  const redirects = redirectTargets(await getContent());
  const moved = redirects.get(pathname) ?? redirects.get(`${pathname}/`);
  if (moved) return new NextResponse(null, { status: 308, headers: { Location: moved.startsWith('/') ? `${basePath}${moved}` : moved } });
  const target = trailingSlashTarget(pathname);
  if (!target) return NextResponse.next();
  return NextResponse.redirect(new URL(`${basePath}${target}${search}`, request.url), 308);
}

// Never for the API (a proxy would also buffer request bodies) or Next.js assets.
export const config = { matcher: ['/((?!api(?:/|$)|_next/).*)'] };
