import { createHash, timingSafeEqual } from 'node:crypto';
import { toCsv } from '../csv';
import { apiRoute, storeOr503, type RequestContext } from '../http/endpoint';
import { HttpError } from '../http/errors';
import type { Store } from '../store';

/** Compares in constant time; hashing first makes the lengths equal, so the length leaks nothing either. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** 404 when no ADMIN_TOKEN is configured, 401 without a bearer token, 403 with a wrong one. */
function authorize({ request, config }: RequestContext) {
  if (!config.adminToken) throw new HttpError(404, 'Not found');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  if (!match) throw new HttpError(401, 'Authorization required: send "Authorization: Bearer <ADMIN_TOKEN>"', { headers: { 'WWW-Authenticate': 'Bearer realm="admin"' } });
  if (!sameToken(match[1]!, config.adminToken)) throw new HttpError(403, 'Forbidden: the token is not valid');
}

/** An admin listing: JSON by default, CSV with ?format=csv. */
function adminExport<T extends object>(name: string, columns: readonly (keyof T & string)[], list: (store: Store) => Promise<T[]>) {
  return apiRoute(`admin-${name}`, {
    async GET(context) {
      authorize(context);
      const format = new URL(context.request.url).searchParams.get('format') ?? 'json';
      if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'format must be "json" or "csv"');
      const rows = await list(await storeOr503(context.requestId));
      if (format === 'json') return Response.json({ [name]: rows });
      return new Response(toCsv(columns, rows), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` },
      });
    },
  });
}

export const adminSubmissionsRoute = adminExport('submissions', ['id', 'createdAt', 'name', 'email', 'message', 'spam', 'requestId'], (s) => s.listSubmissions());
export const adminSubscribersRoute = adminExport('subscribers', ['email', 'createdAt'], (s) => s.listSubscribers());
