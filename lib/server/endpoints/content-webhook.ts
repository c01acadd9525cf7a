import { z } from 'zod';
import { ContentError } from '../../content';
import { acceptedMediaType, parseBody, readBodyLimited, refuseDeclaredOversize } from '../http/body';
import { apiRoute, enforceRateLimit, storeOr503, validationDetails, withHeaders, type RequestContext } from '../http/endpoint';
import { HttpError } from '../http/errors';
import { errorFields, logger } from '../log';
import { reloadAndRevalidate } from '../reload';
import { contentReloadedSchema, contentWebhookSchema } from '../schemas';
import { checkWebhookHeaders, verifyWebhookSignature, WEBHOOK_TOLERANCE_SECONDS, WebhookSignatureError, type WebhookHeaders } from '../webhook-signature';

const notFound = () => new HttpError(404, 'Not found');
const invalid = (error: WebhookSignatureError) => new HttpError(401, `Invalid webhook: ${error.message}`);

/**
 * Everything the headers decide, before a byte of the body is read: the webhook is on, the sender is
 * within its rate limit, the content type is JSON, the declared size fits, the signature headers are
 * there and the timestamp is within the tolerance. An unsigned or oversized delivery costs no read.
 */
async function admit(context: RequestContext): Promise<{ headers: WebhookHeaders; limitHeaders: Record<string, string> }> {
  const { request, config } = context;
  if (config.webhookSecrets.length === 0) throw notFound();
  acceptedMediaType(request.headers.get('content-type'), ['json']);
  refuseDeclaredOversize(request, config.maxBodyBytes);
  let headers: WebhookHeaders;
  try {
    headers = checkWebhookHeaders({
      id: request.headers.get('webhook-id') ?? undefined,
      timestamp: request.headers.get('webhook-timestamp') ?? undefined,
      signature: request.headers.get('webhook-signature') ?? undefined,
    });
  } catch (error) {
    if (error instanceof WebhookSignatureError) throw invalid(error);
    throw error;
  }
  const limitHeaders = await enforceRateLimit(context, 'webhook', config.webhookRateLimit);
  return { headers, limitHeaders };
}

/**
 * POST /api/webhooks/content (Standard Webhooks): reloads the content from CONTENT_DIR and revalidates
 * every page and generated file, so edits show on the running server without a rebuild.
 */
export const contentWebhookRoute = apiRoute('content-webhook', {
  async POST(context) {
    const { config, request, requestId } = context;
    const { headers, limitHeaders } = await admit(context);
    return withHeaders(limitHeaders, async () => {
      const bytes = await readBodyLimited(request, config.maxBodyBytes, config.bodyTimeoutMs);
      // The signature covers the raw bytes, any of the configured secrets signs.
      try {
        verifyWebhookSignature(config.webhookSecrets, headers, bytes);
      } catch (error) {
        if (error instanceof WebhookSignatureError) throw invalid(error);
        throw error;
      }
      // Parsed only once the signature holds; parseBody rejects invalid UTF-8 with 400.
      const parsed = contentWebhookSchema.safeParse(await parseBody('application/json', 'application/json', bytes));
      if (!parsed.success) throw new HttpError(422, 'Validation failed', { details: validationDetails(parsed.error) });

      const store = await storeOr503(requestId);
      // A delivery older than twice the tolerance can no longer pass the timestamp check: forget it.
      await store.pruneWebhookDeliveries(new Date(Date.now() - 2 * WEBHOOK_TOLERANCE_SECONDS * 1000));
      // A retry of a delivery taken before (its answer lost to a timeout, say) succeeds without a second
      // reload: senders retry until they get a 2xx, and the id is their idempotency key.
      if (!(await store.claimWebhookDelivery(headers.id))) {
        logger.info('content webhook: delivery taken before, not reloaded again', { requestId, webhookId: headers.id });
        return Response.json({ reloaded: false, duplicate: true } satisfies z.infer<typeof contentReloadedSchema>, { headers: limitHeaders });
      }
      let content;
      try {
        content = await reloadAndRevalidate({ announce: true });
      } catch (error) {
        await store.releaseWebhookDelivery(headers.id);
        if (error instanceof ContentError) {
          logger.warn('content webhook: content is invalid, keeping the previous content', { requestId, ...errorFields(error) });
          throw new HttpError(422, 'The content has errors; the previous content stays live (see the server log)');
        }
        throw error;
      }
      logger.info('content reloaded', { requestId, webhookId: headers.id, type: parsed.data.type });
      const body: z.infer<typeof contentReloadedSchema> = { reloaded: true, posts: content.posts.length, pages: content.pages.length };
      return Response.json(body, { headers: limitHeaders });
    });
  },
});
