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
