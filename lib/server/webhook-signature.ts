import { createHmac, timingSafeEqual } from 'node:crypto';

// Standard Webhooks signatures checked on the raw body bytes. The reference library turns the body
// into a string first, which maps invalid UTF-8 to U+FFFD: two different bodies could then share a
// signature. Several secrets may be configured at once, so a secret can rotate without downtime.

/** Seconds a webhook-timestamp may be off from now (the Standard Webhooks default). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export interface WebhookHeaders {
  id: string;
  timestamp: string;
  signature: string;
}

export class WebhookSignatureError extends Error {}

/** The key bytes of a `whsec_<base64>` secret, or undefined when it is not one. */
export function webhookKey(secret: string): Buffer | undefined {
  const match = /^whsec_([A-Za-z0-9+/]+=*)$/.exec(secret);
  if (!match) return undefined;
  const key = Buffer.from(match[1]!, 'base64');
  // Node's decoder skips bad characters and missing padding; a round trip shows the text was base64 as written.
  if (key.length === 0 || key.toString('base64') !== match[1]) return undefined;
  return key;
}

export function signatureOf(key: Buffer, id: string, timestamp: string, body: Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/**
 * Checks what can be checked before the body is read: the three headers are there and the timestamp
 * is within the tolerance. Throws WebhookSignatureError otherwise.
 */
export function checkWebhookHeaders(headers: Partial<WebhookHeaders>, now = Date.now()): WebhookHeaders {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) throw new WebhookSignatureError('missing webhook-id, webhook-timestamp or webhook-signature');
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookSignatureError('webhook-timestamp must be Unix seconds');
  if (Math.abs(now / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) throw new WebhookSignatureError('webhook-timestamp is more than 5 minutes off');
  if (!signature.split(' ').some((s) => s.startsWith('v1,'))) throw new WebhookSignatureError('webhook-signature has no v1 signature');
  return { id, timestamp, signature };
}

/** Throws WebhookSignatureError unless one v1 signature matches the raw body under one of the secrets. */
export function verifyWebhookSignature(secrets: readonly string[], headers: WebhookHeaders, body: Uint8Array): void {
  const given = headers.signature
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  let matched = false;
  for (const secret of secrets) {
    const key = webhookKey(secret);
    if (!key) continue;
    const expected = signatureOf(key, headers.id, headers.timestamp, body);
    // Every candidate is compared (no early exit), each in constant time.
    for (const candidate of given) if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
  }
  if (!matched) throw new WebhookSignatureError('no matching signature');
}
