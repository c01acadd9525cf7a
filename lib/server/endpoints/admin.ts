import { createHash, timingSafeEqual } from 'node:crypto';
import { csvRow } from '../csv';
import { apiRoute, storeOr503, type RequestContext } from '../http/endpoint';
import { HttpError } from '../http/errors';
import { errorFields, logger } from '../log';
import type { Page, Store } from '../store';

/** Compares in constant time; hashing first makes the lengths equal, so the length leaks nothing either. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** 404 when no ADMIN_TOKEN is configured, 401 without a bearer token, 403 when it matches none of the tokens. */
function authorize({ request, config }: RequestContext) {
  if (config.adminTokens.length === 0) throw new HttpError(404, 'Not found');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  if (!match) throw new HttpError(401, 'Authorization required: send "Authorization: Bearer <ADMIN_TOKEN>"', { headers: { 'WWW-Authenticate': 'Bearer realm="admin"' } });
  // Every configured token is compared (old and new during a rotation), without an early exit.
  const matches = config.adminTokens.map((token) => sameToken(match[1]!, token));
  if (!matches.includes(true)) throw new HttpError(403, 'Forbidden: the token is not valid');
}

/** Rows read from the database per step while streaming, and the largest page: memory stays flat whatever the table size. */
export const EXPORT_BATCH_ROWS = 1000;

interface Query {
  format: 'json' | 'csv';
  after?: string;
  /** Rows of one page; undefined streams every row after `after`. */
  limit?: number;
}

function readQuery(url: URL): Query {
  const format = url.searchParams.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'format must be "json" or "csv"');
  const after = url.searchParams.get('after') || undefined;
  // Keys are ids and addresses: no control characters (Postgres refuses a NUL in text outright).
  if (after !== undefined && (after.length > 320 || /\p{Cc}/u.test(after))) throw new HttpError(400, 'after must be the key of a row (an id or an address)');
  const limitText = url.searchParams.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= EXPORT_BATCH_ROWS)) {
    throw new HttpError(400, `limit must be a whole number from 1 to ${EXPORT_BATCH_ROWS}`);
  }
  return { format, after, limit };
}

/** Every row after `after`, one batch at a time: the caller writes a batch out before the next is read. */
async function* batches<T>(list: (page: Page) => Promise<T[]>, keyOf: (row: T) => string, after: string | undefined): AsyncGenerator<T[]> {
  for (;;) {
    const rows = await list({ after, limit: EXPORT_BATCH_ROWS });
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_BATCH_ROWS) return;
    after = keyOf(rows.at(-1)!);
  }
}

/** A byte stream of text pieces, pulled as the client reads; a database error mid-stream aborts it (logged). */
function textStream(pieces: AsyncGenerator<string>, requestId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      try {
        const { done, value } = await pieces.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        logger.error('admin export failed while streaming', { requestId, ...errorFields(error) });
        controller.error(error);
      }
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}

/**
 * An admin listing, oldest first: JSON by default, CSV with ?format=csv. Without `limit` the whole
 * table (after `after`, if given) is streamed in batches; with `limit` one page is answered, and the
 * next one is named in `next` (JSON) and in a `Link: rel="next"` header.
 */
function adminExport<T extends object>(name: string, columns: readonly (keyof T & string)[], keyOf: (row: T) => string, list: (store: Store) => (page: Page) => Promise<T[]>) {
  const csvHeaders = { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` };
  const csvRows = (rows: T[]) => rows.map((row) => csvRow(columns.map((c) => row[c]))).join('');
  return apiRoute(`admin-${name}`, {
    async GET(context) {
      authorize(context);
      const url = new URL(context.request.url);
      const { format, after, limit } = readQuery(url);
      const listPage = list(await storeOr503(context.requestId));

      if (limit !== undefined) {
        const rows = await listPage({ after, limit });
        const next = rows.length === limit ? keyOf(rows.at(-1)!) : null;
        const link: Record<string, string> = {};
        if (next !== null) {
          const nextUrl = new URL(url);
          nextUrl.searchParams.set('after', next);
          link.Link = `<${nextUrl.pathname}${nextUrl.search}>; rel="next"`;
        }
        if (format === 'json') return Response.json({ [name]: rows, next }, { headers: link });
        return new Response(csvRow(columns) + csvRows(rows), { headers: { ...csvHeaders, ...link } });
      }

      const source = batches(listPage, keyOf, after);
      // The first batch is read before answering, so a database that fails now still gets its 503.
      const first = await source.next();
      const all = async function* () {
        if (!first.done) yield first.value;
        yield* source;
      };
      const pieces =
        format === 'json'
          ? (async function* () {
              yield `{"${name}":[`;
              let separator = '';
              for await (const rows of all()) {
                yield separator + rows.map((row) => JSON.stringify(row)).join(',');
                separator = ',';
              }
              yield ']}';
            })()
          : (async function* () {
              yield csvRow(columns);
              for await (const rows of all()) yield csvRows(rows);
            })();
      return new Response(textStream(pieces, context.requestId), { headers: format === 'json' ? { 'Content-Type': 'application/json' } : csvHeaders });
    },
  });
}

export const adminSubmissionsRoute = adminExport(
  'submissions',
  ['id', 'createdAt', 'name', 'email', 'message', 'spam', 'requestId'],
  (row) => row.id,
  (s) => (page) => s.listSubmissions(page),
);
export const adminSubscribersRoute = adminExport('subscribers', ['email', 'createdAt'], (row) => row.email, (s) => (page) => s.listSubscribers(page));
