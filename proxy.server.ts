import { NextResponse, type NextRequest } from 'next/server';
import { negotiatedResponse } from '@/lib/outputs/negotiation';
import { trailingSlashTarget } from '@/lib/trailing-slash';

// Server mode only. Next.js's own trailing-slash redirect is off in server mode so that /api/* answers
// without one; this puts it back for pages, as the export's hosts and `trailingSlash: true` expect.
// Page URLs are negotiated: markdown twin or HTML by the Accept header (lib/outputs/negotiation.ts).
export function proxy(request: NextRequest) {
  const target = trailingSlashTarget(request.nextUrl.pathname);
  if (!target) return negotiatedResponse(request);
  const { basePath, search } = request.nextUrl;
  return NextResponse.redirect(new URL(`${basePath}${target}${search}`, request.url), 308);
}

// Never for the API (a proxy would also buffer request bodies) or Next.js assets.
export const config = { matcher: ['/((?!api(?:/|$)|_next/).*)'] };
