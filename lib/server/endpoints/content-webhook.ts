import { revalidatePath } from 'next/cache';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { z } from 'zod';
import { ContentError, reloadContent } from '../../content';
import { acceptedMediaType, parseBody, readBodyLimited } from '../http/body';
import { apiRoute, storeOr503, validationDetails, type RequestContext } from '../http/endpoint';
import { HttpError } from '../http/errors';
import { errorFields, logger } from '../log';
import { contentReloadedSchema, contentWebhookSchema } from '../schemas';

const notFound = () => new HttpError(404, 'Not found');

/** The signed body as text, or 401: bad or missing signature, or a timestamp more than 5 minutes off. */
async function verifiedPayload({ request, config }: RequestContext): Promise<{ id: string; bytes: Uint8Array }> {
  if (!config.webhookSecret) throw notFound();
  acceptedMediaType(request.headers.get('content-type'), ['json']);
  const bytes = await readBodyLimited(request, config.maxBodyBytes);
  const text = new TextDecoder().decode(bytes);
  const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, request.headers.get(name) ?? '']));
  try {
    // standardwebhooks compares signatures in constant time and enforces the 5-minute tolerance.
    new Webhook(config.webhookSecret).verify(text, headers, { jsonParse: false });
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw new HttpError(401, `Invalid webhook: ${error.message}`);
    throw error;
  }
  return { id: headers['webhook-id']!, bytes };
}

/**
 * POST /api/webhooks/content (Standard Webhooks): reloads the content from CONTENT_DIR and revalidates
 * every page and generated file, so edits show on the running server without a rebuild.
 */
export const contentWebhookRoute = apiRoute('content-webhook', {
  async POST(context) {
    const { id, bytes } = await verifiedPayload(context);
    // Parsed only once the signature holds; parseBody rejects invalid UTF-8 with 400.
    const parsed = contentWebhookSchema.safeParse(await parseBody('application/json', 'application/json', bytes));
    if (!parsed.success) throw new HttpError(422, 'Validation failed', { details: validationDetails(parsed.error) });

    const store = await storeOr503(context.requestId);
    if (!(await store.claimWebhookDelivery(id))) throw new HttpError(409, 'This webhook-id was delivered before');
    let content;
    try {
      content = await reloadContent();
    } catch (error) {
      await store.releaseWebhookDelivery(id);
      if (error instanceof ContentError) {
        logger.warn('content webhook: content is invalid, keeping the previous content', { requestId: context.requestId, ...errorFields(error) });
        throw new HttpError(422, 'The content has errors; the previous content stays live (see the server log)');
      }
      throw error;
    }
    // Every page, feed, sitemap and JSON file derives from the whole content: revalidate all of them.
    revalidatePath('/', 'layout');
    logger.info('content reloaded', { requestId: context.requestId, webhookId: id, type: parsed.data.type });
    return Response.json({ reloaded: true, posts: content.posts.length, pages: content.pages.length } satisfies z.infer<typeof contentReloadedSchema>);
  },
});
