import { apiRoute, storeOr503 } from '../http/endpoint';
import { HttpError } from '../http/errors';

/** GET /api/health: 200 {"status":"ok"} when the database answers a query, 503 otherwise. */
export const healthRoute = apiRoute('health', {
  async GET({ requestId }) {
    const store = await storeOr503(requestId);
    try {
      await store.ping();
    } catch {
      throw new HttpError(503, 'Service unavailable: the database does not answer', { headers: { 'Retry-After': '5' } });
    }
    return Response.json({ status: 'ok' });
  },
});
