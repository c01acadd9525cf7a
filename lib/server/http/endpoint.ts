import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getServerConfig, type RateLimitRule, type ServerConfig } from '../config';
import { isDraining, track } from '../lifecycle';
import { errorFields, logger } from '../log';
import { getStore, type Store } from '../store';
import { isStoreUnavailable } from '../store/unavailable';
import { acceptedMediaType, parseBody, readBodyLimited, refuseDeclaredOversize, type BodyKind } from './body';
import { clientAddress } from './client';
import { corsHeaders, isTrustedFormSource, preflightHeaders } from './cors';
import { errorResponse, HttpError } from './errors';
import { hitRateLimit } from './rate-limit';

// The one request layer every API route goes through: request id, CORS, 405, rate limit, content
// type, size limit, parsing, validation, error envelope and a JSON log line per request.

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type Method = (typeof METHODS)[number];
type RouteHandler = (request: Request) => Promise<Response>;

export interface RequestContext {
  request: Request;
  requestId: string;
  config: ServerConfig;
  client: string;
}

/** What a handler answers a JSON client; a form post gets `303` to `redirectTo` instead. */
export interface Outcome {
  status: number;
  body: unknown;
  /** Site-relative page a browser form post lands on (e.g. a thank-you page). */
  redirectTo?: string;
}

export interface InputSpec<S extends z.ZodType> {
  schema: S;
  accepts: readonly BodyKind[];
  /** Rate limit bucket name and rule, per client. */
  rateLimit?: { bucket: string; rule: (config: ServerConfig) => RateLimitRule };
  handle: (input: z.output<S>, context: RequestContext & { isForm: boolean }) => Promise<Outcome>;
}

/** zod issues as `{"field": ["message", …]}`; issues about the body itself go under "body". */
export function validationDetails(error: z.ZodError): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join('.') : 'body';
    (details[field] ??= []).push(issue.message);
  }
  return details;
}

/**
 * An error as the client sees it: HttpErrors as they are; a database that cannot serve now (down,
 * busy, full, read-only) as 503 with Retry-After; anything else as 500. All but the first are logged.
 */
function asHttpError(error: unknown, fields: Record<string, unknown>): unknown {
  if (error instanceof HttpError) return error;
  if (isStoreUnavailable(error)) {
    logger.error('database unavailable', { ...fields, ...errorFields(error) });
    return new HttpError(503, 'Service unavailable: the database does not answer', { headers: { 'Retry-After': '5' } });
  }
  logger.error('request failed', { ...fields, ...errorFields(error) });
  return error;
}

/** The store, or 503 when the database cannot be reached (the reason goes to the log only). */
export async function storeOr503(requestId: string): Promise<Store> {
  try {
    return await getStore();
  } catch (error) {
    logger.error('database unavailable', { requestId, ...errorFields(error) });
    throw new HttpError(503, 'Service unavailable: the database does not answer', { headers: { 'Retry-After': '5' } });
  }
}

/** Counts the request against `rule` (429 over it) and returns the RateLimit-* headers for the answer. */
export async function enforceRateLimit(context: RequestContext, bucket: string, rule: RateLimitRule): Promise<Record<string, string>> {
  const store = await storeOr503(context.requestId);
  const state = await hitRateLimit(store, context.config, bucket, context.client, rule);
  const headers = {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
    'RateLimit-Policy': `${rule.max};w=${rule.windowSeconds}`,
  };
  if (!state.allowed) {
    throw new HttpError(429, `Too many requests: try again in ${state.resetSeconds} seconds`, {
      headers: { ...headers, 'Retry-After': String(state.resetSeconds) },
    });
  }
  return headers;
}

/** Adds the rate-limit headers to an error on its way out. */
export async function withHeaders<T>(headers: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError) Object.assign(error.options, { headers: { ...headers, ...error.options.headers } });
    throw error;
  }
}

/**
 * A handler that takes a validated body. What the headers alone decide comes first and costs no
 * database write: content type (415), declared size (413), a cross-site form post (403). Then the
 * rate limit, and only then the body: read (413, 408), parsed (400), validated (422), handled.
 */
export function withInput<S extends z.ZodType>(spec: InputSpec<S>) {
  return async (context: RequestContext): Promise<Response> => {
    const { request, config } = context;
    const contentType = request.headers.get('content-type');
    const mediaType = acceptedMediaType(contentType, spec.accepts);
    refuseDeclaredOversize(request, config.maxBodyBytes);
    const isForm = mediaType !== 'application/json';
    if (isForm && !isTrustedFormSource(request.headers, config.corsOrigins)) {
      throw new HttpError(403, 'Cross-site form posts are not accepted: post from the site itself or an origin in CORS_ORIGINS');
    }
    const limitHeaders = spec.rateLimit ? await enforceRateLimit(context, spec.rateLimit.bucket, spec.rateLimit.rule(config)) : {};
    return withHeaders(limitHeaders, async () => {
      const bytes = await readBodyLimited(request, config.maxBodyBytes, config.bodyTimeoutMs);
      const data = await parseBody(mediaType, contentType ?? '', bytes);
      const parsed = spec.schema.safeParse(data);
      if (!parsed.success) throw new HttpError(422, 'Validation failed', { details: validationDetails(parsed.error) });
      const outcome = await spec.handle(parsed.data, { ...context, isForm });
      if (isForm && outcome.redirectTo) {
        return new Response(null, { status: 303, headers: { ...limitHeaders, Location: outcome.redirectTo } });
      }
      return Response.json(outcome.body, { status: outcome.status, headers: limitHeaders });
    });
  };
}

/** Whether the request came with a body that nothing read (an empty one does not count). */
const hasUnreadBody = (request: Request) =>
  request.body !== null && !request.bodyUsed && request.headers.get('content-length') !== '0';

/** Headers every API answer carries: no caching, no sniffing, never framed, no referrer. */
const API_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
};

/**
 * The exports of one API route file: every HTTP method, answering 405 with `Allow` for the ones the
 * route lacks and a CORS preflight for OPTIONS. Usage: `export const { GET, POST, … } = apiRoute('contact', { POST })`.
 */
export function apiRoute(name: string, handlers: Partial<Record<Exclude<Method, 'OPTIONS'>, (context: RequestContext) => Promise<Response>>>): Record<Method, RouteHandler> {
  // Next.js answers HEAD with the GET handler (and no body).
  const allow = [...Object.keys(handlers), ...('GET' in handlers ? ['HEAD'] : []), 'OPTIONS'];
  const serve = (method: Method): RouteHandler => (request) =>
    track(async () => {
      const started = performance.now();
      const requestId = randomUUID();
      const origin = request.headers.get('origin');
      let response: Response;
      let client = 'unknown';
      let corsOrigins: readonly string[] = [];
      try {
        const config = getServerConfig();
        corsOrigins = config.corsOrigins;
        client = clientAddress(request.headers, config.trustProxy);
        const handler = method === 'OPTIONS' ? undefined : handlers[method];
        if (method === 'OPTIONS') {
          response = new Response(null, { status: 204, headers: { Allow: allow.join(', '), ...preflightHeaders(origin, corsOrigins, allow) } });
        } else if (!handler) {
          throw new HttpError(405, `Method ${method} not allowed: use ${allow.join(', ')}`, { headers: { Allow: allow.join(', ') } });
        } else if (isDraining()) {
          throw new HttpError(503, 'Server is shutting down: try again', { headers: { 'Retry-After': '5', Connection: 'close' } });
        } else {
          response = await handler({ request, requestId, config, client });
        }
      } catch (error) {
        response = errorResponse(asHttpError(error, { requestId, route: name }), requestId);
      }
      // Every answer here is built by this layer, so its headers are mutable: no second Response.
      const { headers } = response;
      headers.set('X-Request-Id', requestId);
      headers.append('Vary', 'Origin');
      for (const [key, value] of Object.entries(API_HEADERS)) headers.set(key, value);
      // While shutting down, close each connection after its answer instead of keeping it alive. So
      // too after an answer given before the body was read (405, 415, 403, 429, 401): kept alive,
      // Node would read the rest of that body first, as slowly as the client sends it.
      if (isDraining() || hasUnreadBody(request)) headers.set('Connection', 'close');
      if (method !== 'OPTIONS') for (const [key, value] of Object.entries(corsHeaders(origin, corsOrigins))) headers.set(key, value);
      const log = { requestId, route: name, method, status: response.status, client, durationMs: Math.round(performance.now() - started) };
      (response.status >= 500 ? logger.error : logger.info)('request', log);
      return response;
    });
  return Object.fromEntries(METHODS.map((method) => [method, serve(method)])) as Record<Method, RouteHandler>;
}
