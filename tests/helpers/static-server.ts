import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';

/**
 * Serves an export folder the way a static host does (x/ → x/index.html, 404.html for misses),
 * mounted under `basePath`. Resolves to the origin, e.g. http://127.0.0.1:41234.
 */
export async function serveStatic(dir: string, basePath = ''): Promise<{ origin: string; close(): Promise<void> }> {
  const serve = sirv(dir, { dev: false, etag: true });
  const notFound = fs.readFileSync(path.join(dir, '404.html'));
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const inside = url === basePath || url.startsWith(`${basePath}/`);
    if (inside) req.url = url.slice(basePath.length) || '/';
    const miss = () => {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(notFound);
    };
    if (inside) serve(req, res, miss);
    else miss();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
