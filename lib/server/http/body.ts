import { isWellFormed } from '../text';
import { HttpError } from './errors';

export type BodyKind = 'json' | 'form';

const MEDIA_TYPES: Record<string, BodyKind> = {
  'application/json': 'json',
  'application/x-www-form-urlencoded': 'form',
  'multipart/form-data': 'form',
};

/** The media type of a request ("application/json"), or 415 when the route does not take it. */
export function acceptedMediaType(contentType: string | null, accepts: readonly BodyKind[]): string {
  const [type = '', ...params] = (contentType ?? '').split(';').map((part) => part.trim());
  const mediaType = type.toLowerCase();
  const kind = MEDIA_TYPES[mediaType];
  const allowed = Object.keys(MEDIA_TYPES).filter((t) => accepts.includes(MEDIA_TYPES[t]!));
  if (!kind || !accepts.includes(kind)) {
    throw new HttpError(415, `Unsupported content type: send one of ${allowed.join(', ')}`, { headers: { 'Accept-Post': allowed.join(', ') } });
  }
  const charset = params.find((p) => p.toLowerCase().startsWith('charset='))?.slice(8).replace(/"/g, '').toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, 'Unsupported charset: send UTF-8');
  return mediaType;
}

const tooLarge = (maxBytes: number) =>
  new HttpError(413, `Request body is larger than ${maxBytes} bytes`, { headers: { Connection: 'close' } });

/**
 * Reads the body up to `maxBytes`. A declared Content-Length over the limit is refused before reading;
 * a longer stream is cancelled as soon as it crosses the limit, so the rest is never read.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpError(400, 'Request body is not valid UTF-8');
  }
}

/** Form fields as an object: a repeated field becomes an array and an uploaded file stays a File, so validation rejects both. */
function formObject(entries: Iterable<[string, FormDataEntryValue]>): Record<string, unknown> {
  const grouped = new Map<string, FormDataEntryValue[]>();
  for (const [key, value] of entries) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  // Object.fromEntries defines own properties, so a "__proto__" field is plain data.
  return Object.fromEntries([...grouped].map(([key, values]) => [key, values.length === 1 ? values[0] : values]));
}

/** Parses a body of an accepted media type into plain data for validation. */
export async function parseBody(mediaType: string, contentType: string, bytes: Uint8Array): Promise<unknown> {
  if (mediaType === 'application/json') {
    const text = decodeUtf8(bytes);
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(400, 'Malformed JSON in request body');
    }
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    return formObject(new URLSearchParams(decodeUtf8(bytes)));
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new HttpError(400, 'Malformed multipart/form-data body');
  }
  for (const value of form.values()) if (typeof value === 'string' && !isWellFormed(value)) throw new HttpError(400, 'Request body is not valid UTF-8');
  return formObject(form.entries());
}
