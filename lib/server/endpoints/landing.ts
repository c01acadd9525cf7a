import { getServerConfig } from '../config';
import { isAllowedOrigin } from '../http/cors';

/**
 * Where a browser form post lands. A post from an allowed origin (the exported site on another host)
 * goes back to that origin; any other post stays on this server with a relative path.
 */
export function formLandingPage(request: Request, sitePath: string): string {
  const origin = request.headers.get('origin');
  const { corsOrigins } = getServerConfig();
  return isAllowedOrigin(origin, corsOrigins) && !corsOrigins.includes('*') ? `${origin}${sitePath}` : sitePath;
}
