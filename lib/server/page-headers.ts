// Security headers for what server mode serves besides the API: pages and generated files. The API
// sets its own, stricter ones (lib/server/http/endpoint.ts).

/**
 * The page policy. Next.js inlines its bootstrap scripts and styles, so those need 'unsafe-inline'
 * (a nonce would make every page dynamic); Pagefind's search runs WebAssembly. What the policy still
 * stops: framing by other sites, plugins, a changed <base>, forms posting elsewhere, and scripts or
 * connections to other origins.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "media-src 'self' https:",
  "frame-src https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
};

