import { z } from 'zod';
import { isServerMode } from './build-mode';
import {
  acceptedSchema,
  contactSchema,
  contentReloadedSchema,
  contentWebhookSchema,
  createdSchema,
  errorSchema,
  healthSchema,
  submissionSchema,
  subscribeSchema,
  subscriberSchema,
} from './server/schemas';
import type { Site } from './site';
import { absoluteUrl } from './urls';

// The OpenAPI 3.1 document of the server endpoints, generated from the same zod schemas that validate
// requests (OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod 4 emits). Served at /openapi.json.

type Json = Record<string, unknown>;

function schema(type: z.ZodType, io: 'input' | 'output'): Json {
  // OpenAPI 3.1 fixes the dialect for the whole document: drop the per-schema $schema.
  const generated = z.toJSONSchema(type, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete generated.$schema;
  return generated;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const error = (description: string, headers?: Json) => ({ description, content: json('Error'), ...(headers ? { headers } : {}) });
const header = (description: string, type = 'string') => ({ description, schema: { type } });

const rateLimitHeaders = {
  'RateLimit-Limit': header('Requests allowed per window', 'integer'),
  'RateLimit-Remaining': header('Requests left in this window', 'integer'),
  'RateLimit-Reset': header('Seconds until the window ends', 'integer'),
  'RateLimit-Policy': header('The rule, e.g. "5;w=60"'),
};

const commonErrors = {
  '400': error('Malformed JSON, invalid UTF-8 or a broken multipart body'),
  '405': error('Method not allowed; `Allow` lists the methods', { Allow: header('Allowed methods') }),
  '408': error('The body did not arrive within BODY_TIMEOUT_MS'),
  '413': error('Body larger than MAX_BODY_BYTES'),
  '415': error('Content type not accepted'),
  '422': error('Validation failed; `details` maps fields to messages'),
  '503': error('Database unavailable or shutting down', { 'Retry-After': header('Seconds', 'integer') }),
};

/** A form endpoint: JSON → `status`, form posts → 303 to a thank-you page. */
function formPost(summary: string, input: string, status: string, output: string, description: string) {
  return {
    post: {
      summary,
      description,
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: ref(input) },
          'application/x-www-form-urlencoded': { schema: ref(input) },
          'multipart/form-data': { schema: ref(input) },
        },
      },
      responses: {
        [status]: { description: 'Accepted (JSON request)', content: json(output), headers: rateLimitHeaders },
        '303': { description: 'Accepted (form post): redirect to the thank-you page', headers: { Location: header('Thank-you page') } },
        ...commonErrors,
        '403': error('A form post from another site (not this server, not in CORS_ORIGINS)'),
        '429': error('Rate limit reached', { 'Retry-After': header('Seconds until the next request is allowed', 'integer'), ...rateLimitHeaders }),
      },
    },
  };
}

function adminList(summary: string, item: string, key: string) {
  return {
    get: {
      summary,
      description:
        'Disabled (404) unless ADMIN_TOKEN is set. CSV cells that start like a formula get a leading apostrophe. ' +
        'Without `limit` every record (after `after`) is streamed; with `limit` one page is answered and the next one is named in `next` and a `Link: rel="next"` header.',
      security: [{ adminToken: [] }],
      parameters: [
        { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
        { name: 'after', in: 'query', required: false, description: 'Start after the record with this key (a submission id, a subscriber address)', schema: { type: 'string' } },
        { name: 'limit', in: 'query', required: false, description: 'Records of one page', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
      ],
      responses: {
        '200': {
          description: 'The records, oldest first',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { [key]: { type: 'array', items: ref(item) }, next: { type: ['string', 'null'], description: 'With `limit`: the `after` of the next page, null on the last' } },
                required: [key],
              },
            },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        '400': error('Unknown format, or a limit out of range'),
        '401': error('No bearer token'),
        '403': error('Wrong token'),
        '404': error('Admin export disabled (no ADMIN_TOKEN)'),
        '503': error('Database unavailable', { 'Retry-After': header('Seconds', 'integer') }),
      },
    },
  };
}

/** The API's URL: this server in server mode, PUBLIC_API_ORIGIN (or the site) for the export. */
export function apiBaseUrl(site: Pick<Site, 'url' | 'basePath'>, env: Record<string, string | undefined> = process.env): string {
  const remote = env.PUBLIC_API_ORIGIN?.trim().replace(/\/$/, '');
  return !isServerMode(env) && remote ? remote : absoluteUrl(site, '');
}

export function openApiDocument(site: Pick<Site, 'url' | 'basePath' | 'title'>, env: Record<string, string | undefined> = process.env): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: `${site.title} API`,
      version: '1.0.0',
      description: 'POST endpoints of the server build (npm run build:server). Every error uses the Error envelope and carries X-Request-Id.',
    },
    servers: [{ url: apiBaseUrl(site, env) }],
    paths: {
      '/api/health': {
        get: {
          summary: 'Health check',
          responses: { '200': { description: 'The database answers', content: json('Health') }, '503': error('The database does not answer') },
        },
      },
      '/api/contact': formPost('Send a contact message', 'ContactRequest', '201', 'Created', 'A filled `website` honeypot is answered like a success and stored as spam.'),
      '/api/subscribe': formPost('Subscribe an email address', 'SubscribeRequest', '202', 'Accepted', 'Idempotent: a known address is answered the same way and stays one row.'),
      '/api/webhooks/content': {
        post: {
          summary: 'Reload the content (Standard Webhooks)',
          description: 'Signed over the raw body with WEBHOOK_SECRET (any one of its values; headers webhook-id, webhook-timestamp, webhook-signature). Disabled (404) without a secret.',
          parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' } })),
          requestBody: { required: true, content: json('ContentWebhook') },
          responses: {
            '200': { description: 'Content reloaded and every page revalidated; or, for a webhook-id taken before, nothing done again ({"reloaded": false, "duplicate": true})', content: json('ContentReloaded') },
            '401': error('Missing or wrong signature, or a timestamp more than 5 minutes off'),
            '404': error('Webhook disabled (no WEBHOOK_SECRET)'),
            ...commonErrors,
            '429': error('Rate limit reached (WEBHOOK_RATE_LIMIT)', { 'Retry-After': header('Seconds until the next request is allowed', 'integer') }),
          },
        },
      },
      '/api/admin/submissions': adminList('Export contact submissions', 'Submission', 'submissions'),
      '/api/admin/subscribers': adminList('Export subscribers', 'Subscriber', 'subscribers'),
    },
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' } },
      schemas: {
        ContactRequest: schema(contactSchema, 'input'),
        SubscribeRequest: schema(subscribeSchema, 'input'),
        ContentWebhook: schema(contentWebhookSchema, 'input'),
        Created: schema(createdSchema, 'output'),
        Accepted: schema(acceptedSchema, 'output'),
        Health: schema(healthSchema, 'output'),
        ContentReloaded: schema(contentReloadedSchema, 'output'),
        Submission: schema(submissionSchema, 'output'),
        Subscriber: schema(subscriberSchema, 'output'),
        Error: schema(errorSchema, 'output'),
      },
    },
  };
}
