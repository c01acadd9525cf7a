// Who the client is, for rate limits. Next.js fills X-Forwarded-For only when the client did not
// send one, so it cannot tell a proxy from a liar; the lifecycle hook stamps the socket address into
// CLIENT_ADDRESS_HEADER on every request instead (overwriting anything a client sent).

export const CLIENT_ADDRESS_HEADER = 'x-mdsite-client-address';

export function clientAddress(headers: Headers, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the address it saw: the last entry is the one a client cannot forge.
    const last = headers.get('x-forwarded-for')?.split(',').pop()?.trim();
    if (last) return last;
  }
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
