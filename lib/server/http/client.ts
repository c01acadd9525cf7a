// Who the client is, for rate limits. Next.js fills X-Forwarded-For only when the client did not
// send one, so it cannot tell a proxy from a liar; the lifecycle hook stamps the socket address into
// CLIENT_ADDRESS_HEADER on every request instead (overwriting anything a client sent).

export const CLIENT_ADDRESS_HEADER = 'x-mdsite-client-address';

/**
 * An address as some proxies write it, with the client's port (`203.0.113.5:51234`,
 * `[2001:db8::1]:51234`), without it: a new connection has a new port, and must not get a new budget.
 */
export function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  return ipv4WithPort ? ipv4WithPort[1]! : address;
}

export function clientAddress(headers: Headers, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the address it saw: the last entry is the one a client cannot forge.
    const last = headers.get('x-forwarded-for')?.split(',').pop()?.trim();
    if (last) return withoutPort(last);
  }
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
