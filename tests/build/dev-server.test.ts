import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, ROOT } from '../helpers/export-build';

// `next dev` serves the same outputs as the export, markdown twins included (next.config.ts routes
// them past the [slug] pages in development).

const PORT = 30_000 + Math.floor(Math.random() * 20_000);
const origin = `http://127.0.0.1:${PORT}`;
let dev: ChildProcess;
let log = '';

beforeAll(async () => {
  fs.rmSync(path.join(ROOT, '.next/dev'), { recursive: true, force: true });
  dev = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'dev', '-p', String(PORT), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', CONTENT_DIR: fixture('hostile'), NEXT_TELEMETRY_DISABLED: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (c: Buffer) => (log += c));
  dev.stderr!.on('data', (c: Buffer) => (log += c));
  const deadline = Date.now() + 120_000;
  while (!/Ready in/.test(log)) {
    if (Date.now() > deadline || dev.exitCode !== null) throw new Error(`next dev did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

afterAll(async () => {
  if (!dev?.pid) return;
  const exited = new Promise((resolve) => dev.once('exit', resolve));
  process.kill(-dev.pid, 'SIGTERM');
  await exited;
  // Stale dev types can break a later `next build` (next.js #96620).
  fs.rmSync(path.join(ROOT, '.next/dev'), { recursive: true, force: true });
});

describe('next dev', () => {
  it('serves markdown twins, feeds and .well-known files with their media types', async () => {
    const expectations: [string, string, string][] = [
      ['/posts/with-image.md', 'text/markdown; charset=utf-8', '# Images: co-located\n\nURL: https://mdsite.example.com/posts/with-image/'],
      ['/about.md', 'text/markdown; charset=utf-8', '# About & <more>'],
      ['/index.md', 'text/markdown; charset=utf-8', '# mdsite\n\nURL: https://mdsite.example.com/\n'],
      ['/page/1.md', 'text/markdown; charset=utf-8', '# mdsite\n'],
      ['/archive.md', 'text/markdown; charset=utf-8', '# Archive\n'],
      ['/tags.md', 'text/markdown; charset=utf-8', '# Tags\n'],
      ['/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E.md', 'text/markdown; charset=utf-8', '# Posts tagged “日本語”\n'],
      ['/.well-known/api-catalog', 'application/linkset+json; profile="https://www.rfc-editor.org/info/rfc9727"', '{\n  "linkset"'],
      ['/rss.xml', 'application/rss+xml; charset=utf-8', '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"'],
      ['/.well-known/security.txt', 'text/plain; charset=utf-8', 'Contact: mailto:hello@mdsite.example.com'],
      ['/posts/with-image/pic.png', 'image/png', '\u0089PNG'],
    ];
    for (const [sitePath, type, start] of expectations) {
      const response = await fetch(origin + sitePath);
      expect(response.status, `${sitePath}\n${log.slice(-2000)}`).toBe(200);
      expect(response.headers.get('content-type'), sitePath).toBe(type);
      const body = type === 'image/png' ? Buffer.from(await response.arrayBuffer()).toString('latin1') : await response.text();
      expect(body.startsWith(start), `${sitePath}: ${body.slice(0, 200)}`).toBe(true);
    }
    const page = await (await fetch(`${origin}/posts/with-image/`)).text();
    expect(page).toContain('<link rel="alternate" type="text/markdown" href="https://mdsite.example.com/posts/with-image.md"');
  });
});
