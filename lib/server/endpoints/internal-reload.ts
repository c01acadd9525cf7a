import { apiRoute } from '../http/endpoint';
import { HttpError } from '../http/errors';
import { isInternalToken } from '../lifecycle';
import { logger } from '../log';
import { reloadAndRevalidate } from '../reload';

/**
 * POST /api/internal/reload: a process calls this on itself when another process announced a content
 * change (Postgres NOTIFY), because revalidation needs a request. Only this process's own random token
 * opens it; to anyone else it does not exist (404).
 */
export const internalReloadRoute = apiRoute('internal-reload', {
  async POST({ request, requestId }) {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!token || !isInternalToken(token)) throw new HttpError(404, 'Not found');
    const content = await reloadAndRevalidate({ announce: false });
    logger.info('content reloaded on announcement', { requestId, posts: content.posts.length });
    return Response.json({ reloaded: true, posts: content.posts.length, pages: content.pages.length });
  },
});
