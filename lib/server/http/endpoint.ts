import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getServerConfig, type RateLimitRule, type ServerConfig } from '../config';
import { isDraining, track } from '../lifecycle';
import { errorFields, logger } from '../log';
import { getStore, type Store } from '../store';
import { acceptedMediaType, parseBody, readBodyLimited, type BodyKind } from './body';
import { clientAddress } from './client';
import { corsHeaders, preflightHeaders } from './cors';
import { errorResponse, HttpError } from './errors';

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

/** The store, or 503 when the database cannot be reached (the reason goes to the log only). */
export async function storeOr503(requestId: string): Promise<Store> {
  try {
    return await getStore();
  } catch (error) {
    logger.error('database unavailable', { requestId, ...errorFields(error) });
    throw new HttpError(503, 'Service unavailable: the database does not answer', { headers: { 'Retry-After': '5' } });
  }
}

async function enforceRateLimit(context: RequestContext, bucket: string, rule: RateLimitRule): Promise<Record<string, string>> {
  const store = await storeOr503(context.requestId);
  const state = await store.hitRateLimit(`${bucket}:${context.client}`, rule.max, rule.windowSeconds);
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

/** A handler that takes a validated body: rate limit → content type → size → parse → validate → handle. */
export function withInput<S extends z.ZodType>(spec: InputSpec<S>) {
  return async (context: RequestContext): Promise<Response> => {
    const { request, config } = context;
    const limitHeaders = spec.rateLimit ? await enforceRateLimit(context, spec.rateLimit.bucket, spec.rateLimit.rule(config)) : {};
    try {
      const contentType = request.headers.get('content-type');
      const mediaType = acceptedMediaType(contentType, spec.accepts);
      const bytes = await readBodyLimited(request, config.maxBodyBytes);
      const data = await parseBody(mediaType, contentType ?? '', bytes);
      const parsed = spec.schema.safeParse(data);
      if (!parsed.success) throw new HttpError(422, 'Validation failed', { details: validationDetails(parsed.error) });
      const isForm = mediaType !== 'application/json';
      const outcome = await spec.handle(parsed.data, { ...context, isForm });
      if (isForm && outcome.redirectTo) {
        return new Response(null, { status: 303, headers: { ...limitHeaders, Location: outcome.redirectTo } });
      }
      return Response.json(outcome.body, { status: outcome.status, headers: limitHeaders });
    } catch (error) {
      if (error instanceof HttpError) Object.assign(error.options, { headers: { ...limitHeaders, ...error.options.headers } });
      throw error;
    }
  };
}

/**
 * The exports of one API route file: every HTTP method, answering 405 with `Allow` for the ones the
 * route lacks and a CORS preflight for OPTIONS. Usage: `export const { GET, POST, … } = apiRoute('contact', { POST })`.
 */
export function apiRoute(name: string, handlers: Partial<Record<Exclude<Method, 'OPTIONS'>, (context: RequestContext) => Promise<Response>>>): Record<Method, RouteHandler> {
  const allow = [...Object.keys(handlers), 'OPTIONS'];
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
        if (!(error instanceof HttpError)) logger.error('request failed', { requestId, route: name, ...errorFields(error) });
        response = errorResponse(error, requestId);
      }
      const headers = new Headers(response.headers);
      headers.set('X-Request-Id', requestId);
      headers.append('Vary', 'Origin');
      headers.set('Cache-Control', 'no-store');
      // While shutting down, close each connection after its answer instead of keeping it alive.
      if (isDraining()) headers.set('Connection', 'close');
      if (method !== 'OPTIONS') for (const [key, value] of Object.entries(corsHeaders(origin, corsOrigins))) headers.set(key, value);
      const log = { requestId, route: name, method, status: response.status, client, durationMs: Math.round(performance.now() - started) };
      (response.status >= 500 ? logger.error : logger.info)('request', log);
      return new Response(response.body, { status: response.status, headers });
    });
  return Object.fromEntries(METHODS.map((method) => [method, serve(method)])) as Record<Method, RouteHandler>;
}
