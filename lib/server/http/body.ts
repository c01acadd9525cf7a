import { getMultipartBoundary, parseMultipart } from '@remix-run/multipart-parser';
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
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, 'Unsupported charset: send UTF-8', { headers: { 'Accept-Post': allowed.join(', ') } });
  }
  return mediaType;
}

const tooLarge = (maxBytes: number) =>
  new HttpError(413, `Request body is larger than ${maxBytes} bytes`, { headers: { Connection: 'close' } });

/** 413 from the headers alone: a declared Content-Length over the limit. */
export function refuseDeclaredOversize(request: Request, maxBytes: number): void {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
}

const tooSlow = (timeoutMs: number) =>
  new HttpError(408, `Request body did not arrive within ${timeoutMs} ms`, { headers: { Connection: 'close' } });

/** The client closed the connection mid-body (Node ends the stream with ECONNRESET): its fault, not the server's. */
const cutOff = () =>
  new HttpError(400, 'Request body ended before its end: the connection was closed while it was sent', { headers: { Connection: 'close' } });

/**
 * Reads the body up to `maxBytes` and within `timeoutMs`. A declared Content-Length over the limit is
 * refused before reading; a longer stream is cancelled as soon as it crosses the limit, so the rest is
 * never read; a body still arriving at the deadline is cancelled with 408 (slow senders hold no
 * connection for long).
 */
export async function readBodyLimited(request: Request, maxBytes: number, timeoutMs = Infinity): Promise<Uint8Array> {
  refuseDeclaredOversize(request, maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: NodeJS.Timeout | undefined;
  const deadline = Number.isFinite(timeoutMs)
    ? new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), timeoutMs);
      })
    : undefined;
  try {
    for (;;) {
      const next = reader.read();
      let result;
      try {
        result = deadline ? await Promise.race([next, deadline]) : await next;
      } catch {
        throw cutOff();
      }
      if (result === 'late') {
        next.catch(() => {});
        await reader.cancel().catch(() => {});
        throw tooSlow(timeoutMs);
      }
      const { done, value } = result;
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
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

/**
 * Form fields as an object: a repeated field becomes an array and an uploaded file stays a non-string,
 * so validation rejects both. Linear in the number of fields: repeats are pushed, never copied.
 */
function formObject(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const grouped = new Map<string, unknown[]>();
  for (const [key, value] of entries) {
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  // Object.fromEntries defines own properties, so a "__proto__" field is plain data.
  return Object.fromEntries([...grouped].map(([key, values]) => [key, values.length === 1 ? values[0] : values]));
}

const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/**
 * One name or value of a urlencoded body: "+" is a space, "%XX" a byte, anything else its UTF-8,
 * as URLSearchParams reads it, except that bytes which are not UTF-8 ("%FF") are a 400 where
 * URLSearchParams would store U+FFFD, as in JSON and multipart bodies.
 */
function decodeFormComponent(text: string): string {
  if (!text.includes('%')) return text.replaceAll('+', ' ');
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const pair = text.slice(i + 1, i + 3);
    if (char === '%' && HEX_PAIR.test(pair)) {
      bytes.push(parseInt(pair, 16));
      i += 2;
    } else if (char === '+') {
      bytes.push(0x20);
    } else if (char.charCodeAt(0) < 0x80) {
      bytes.push(char.charCodeAt(0));
    } else {
      const code = text.codePointAt(i)!;
      bytes.push(...encoder.encode(String.fromCodePoint(code)));
      if (code > 0xffff) i++;
    }
  }
  return decodeUtf8(Uint8Array.from(bytes));
}

/** The fields of an application/x-www-form-urlencoded body, in order. */
function urlencodedEntries(text: string): [string, string][] {
  const entries: [string, string][] = [];
  for (const field of text.split('&')) {
    if (!field) continue;
    const equals = field.indexOf('=');
    const [name, value] = equals < 0 ? [field, ''] : [field.slice(0, equals), field.slice(equals + 1)];
    entries.push([decodeFormComponent(name), decodeFormComponent(value)]);
  }
  return entries;
}

/** An uploaded file in a form: kept as a marker so validation answers 422 for the field. */
const UPLOADED_FILE = Object.freeze({ file: true });

/**
 * multipart/form-data fields, decoded from their raw bytes. The platform's FormData replaces invalid
 * UTF-8 with U+FFFD before anything can check it; this parser hands over each part's bytes, so a
 * field that is not valid UTF-8 is a 400 like any other body.
 */
function multipartEntries(contentType: string, bytes: Uint8Array): [string, unknown][] {
  let boundary: string;
  try {
    boundary = getMultipartBoundary(contentType) ?? '';
  } catch {
    boundary = '';
  }
  if (!boundary) throw new HttpError(400, 'Malformed multipart/form-data body: the boundary is missing');
  const entries: [string, unknown][] = [];
  try {
    for (const part of parseMultipart(bytes, { boundary, maxHeaderSize: 8 * 1024, maxFileSize: bytes.byteLength, maxTotalSize: bytes.byteLength, maxParts: Number.MAX_SAFE_INTEGER })) {
      const name = part.name;
      if (name === undefined) throw new HttpError(400, 'Malformed multipart/form-data body: a part has no field name');
      entries.push([name, part.filename !== undefined ? UPLOADED_FILE : decodeUtf8(part.bytes)]);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'Malformed multipart/form-data body');
  }
  return entries;
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
    return formObject(urlencodedEntries(decodeUtf8(bytes)));
  }
  return formObject(multipartEntries(contentType, bytes));
}
