// CORS for browsers calling the API from the static site on another origin. Origins outside the
// list get no Access-Control-Allow-Origin at all, so the browser keeps the response from them.

export const CORS_ALLOWED_HEADERS = 'Content-Type, Accept';
export const CORS_EXPOSED_HEADERS = 'X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy';

export function isAllowedOrigin(origin: string | null, allowed: readonly string[]): origin is string {
  return !!origin && (allowed.includes('*') || allowed.includes(origin));
}

/** Headers for an actual request from `origin`. */
export function corsHeaders(origin: string | null, allowed: readonly string[]): Record<string, string> {
  if (!isAllowedOrigin(origin, allowed)) return {};
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS };
}

/** Headers for a preflight (OPTIONS) from `origin` to a route with `methods`. */
export function preflightHeaders(origin: string | null, allowed: readonly string[], methods: readonly string[]): Record<string, string> {
  if (!isAllowedOrigin(origin, allowed)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': methods.join(', '),
    'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
  };
}

/**
 * Whether a browser form post comes from a page the site trusts: this server's own pages or an
 * allowed origin. HTML forms may post urlencoded and multipart bodies to any site without a CORS
 * preflight, so these checks stand in for CORS there. Sec-Fetch-Site is read first (modern browsers
 * send it); without it, Origin is compared. A request with neither is no browser form post (curl,
 * a server-side client) and passes: the rate limit and validation still apply.
 */
export function isTrustedFormSource(headers: Headers, allowed: readonly string[]): boolean {
  const origin = headers.get('origin');
  const site = headers.get('sec-fetch-site')?.toLowerCase();
  if (site === 'same-origin' || site === 'none') return true;
  if (!origin || origin === 'null') return site === undefined && !origin;
  if (isAllowedOrigin(origin, allowed)) return true;
  // Same origin as the request itself (the pages this server renders); Host is what the browser used.
  const host = headers.get('host');
  return site === undefined && !!host && URL.canParse(origin) && new URL(origin).host === host.toLowerCase();
}
