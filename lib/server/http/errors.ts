/** An error the client caused or may retry; its message goes into the response as written. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly options: { details?: Record<string, string[]>; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

/**
 * The one error envelope: `{"error": "...", "requestId": "...", "details"?: {...}}`. Anything that is
 * not an HttpError becomes a bare 500: no stack, path or driver message reaches the client.
 */
export function errorResponse(error: unknown, requestId: string): Response {
  const known = error instanceof HttpError ? error : new HttpError(500, 'Internal server error');
  const body = { error: known.message, requestId, ...(known.options.details ? { details: known.options.details } : {}) };
  return Response.json(body, { status: known.status, headers: known.options.headers });
}
