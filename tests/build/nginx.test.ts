import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '@/lib/content';
import { hostConfigDir } from '@/lib/paths';
import { renderNginxInclude } from '@/lib/outputs/hosts/nginx';
import { OUTPUTS, outputFiles } from '@/lib/outputs/registry';
import { exportSite, fixture, type BuildResult } from '../helpers/export-build';
import { hostileContent } from '../helpers/hostile-content';
import { systemTool } from '../setup/system-tools';

// Debian's nginx serves one export of the hostile fixture with the include the build writes beside
// it: under its base path /blog, and (with the include generated for no base path) at the root;
// Debian's Caddy serves it with the Caddyfile. Every output file is fetched and its headers compared
// with the output table; page URLs are asked for markdown. Both run from temporary folders, never
// as system services.

// The export project's global setup installs both, or stops the run with the command (tests/setup/system-tools.ts).
const NGINX = systemTool('nginx');
const CADDY = systemTool('caddy');

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const AGENT_ACCEPT = 'text/markdown, text/html;q=0.9, */*;q=0.8';

let build: BuildResult;
let content: Content;
let files: string[];
const servers: { process: ChildProcess; prefix: string }[] = [];

function listFiles(root: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    return d.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves to `origin` once it answers HTTP; fails with `log()` after five seconds. */
async function answering(origin: string, log: () => string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${origin}/`).then(() => true, () => false)) return origin;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no answer on ${origin}: ${log()}`);
}

/** A temporary folder for one server, a free port, and where its config goes. */
async function serverFolder(server: string, configName: string) {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), `mdsite-${server}-`));
  return { prefix, port: await freePort(), config: path.join(prefix, configName) };
}

/** Starts nginx with `root` and `include` in one server block; resolves to its origin once it answers. */
async function startNginx(root: string, include: string): Promise<string> {
  const { prefix, port, config } = await serverFolder('nginx', 'nginx.conf');
  fs.writeFileSync(config, [
    'daemon off;',
    'worker_processes 1;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    'events { worker_connections 64; }',
    'http {',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    '    access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${prefix}/${t};`),
    '    server {',
    `        listen 127.0.0.1:${port};`,
    `        root ${root};`,
    `        include ${include};`,
    '    }',
    '}',
    '',
  ].join('\n'));
  const tested = spawnSync(NGINX!, ['-t', '-p', prefix, '-c', config, '-e', `${prefix}/error.log`], { encoding: 'utf8' });
  if (tested.status !== 0) throw new Error(`nginx -t refused the config:\n${tested.stderr}`);
  const child = spawn(NGINX!, ['-p', prefix, '-c', config, '-e', `${prefix}/error.log`], { stdio: ['ignore', 'ignore', 'pipe'] });
  servers.push({ process: child, prefix });
  return answering(`http://127.0.0.1:${port}`, () => `nginx: ${fs.readFileSync(`${prefix}/error.log`, 'utf8')}`);
}

/** Starts Caddy with the Caddyfile imported in a site block whose root is `root`. */
async function startCaddy(root: string, caddyfile: string): Promise<string> {
  const { prefix, port, config } = await serverFolder('caddy', 'Caddyfile');
  fs.writeFileSync(config, [
    '{',
    '    admin off',
    '    auto_https off',
    '}',
    `http://127.0.0.1:${port} {`,
    `    root * ${root}`,
    `    import ${caddyfile}`,
    '}',
    '',
  ].join('\n'));
  const env = { ...process.env, HOME: prefix, XDG_DATA_HOME: prefix, XDG_CONFIG_HOME: prefix };
  const child = spawn(CADDY, ['run', '--config', config, '--adapter', 'caddyfile'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk));
  servers.push({ process: child, prefix });
  return answering(`http://127.0.0.1:${port}`, () => `caddy:\n${log}`);
}

beforeAll(async () => {
  build = await exportSite('nginx', { CONTENT_DIR: fixture('hostile'), BASE_PATH: '/blog' });
  if (build.code !== 0) throw new Error(`export failed:\n${build.output.slice(-4000)}`);
  content = await hostileContent();
  files = listFiles(build.outDir);
});

afterAll(() => {
  for (const server of servers) {
    server.process.kill('SIGTERM');
    fs.rmSync(server.prefix, { recursive: true, force: true });
  }
});

/** The Link header values of a response, in a stable order (hosts send them in either). */
const links = (response: Response) => (response.headers.get('link') ?? '').split(/,\s*(?=<)/).filter(Boolean).sort((a, b) => b.localeCompare(a));

/**
 * The media type a server should send for a file that is no output row's (pages, assets), from its
 * own MIME map: nginx's mime.types, or Go's table and Debian's /etc/mime.types for Caddy.
 */
function expectedOtherType(server: string, file: string): string | undefined {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': server === 'caddy' ? 'text/javascript; charset=utf-8' : 'application/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.png': 'image/png',
    '.svg': 'image/svg+xml',
    '.ico': server === 'caddy' ? 'image/vnd.microsoft.icon' : 'image/x-icon',
    '.woff2': 'font/woff2',
  };
  return types[path.extname(file)];
}

/** A folder holding the export at the base path, as a host's document root. */
function rootFor(basePath: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-root-'));
  fs.chmodSync(root, 0o755); // nginx's workers run as another user
  fs.symlinkSync(build.outDir, path.join(root, basePath.slice(1)));
  return root;
}

describe.each([
  ['nginx', 'under the base path /blog', '/blog'],
  ['nginx', 'at the root', ''],
  ['caddy', 'under the base path /blog', '/blog'],
])('%s serving the export %s', (server, _label, basePath) => {
  let origin: string;
  const url = (sitePath: string) => `${origin}${basePath}${encodeURI(sitePath)}`;

  beforeAll(async () => {
    if (server === 'caddy') {
      origin = await startCaddy(rootFor(basePath), path.join(hostConfigDir(build.outDir), 'Caddyfile'));
    } else if (basePath) {
      origin = await startNginx(rootFor(basePath), path.join(hostConfigDir(build.outDir), 'nginx-include.conf'));
    } else {
      const include = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-include-')), 'nginx-include.conf');
      fs.writeFileSync(include, renderNginxInclude({ ...content, site: { ...content.site, basePath: '' } }, OUTPUTS));
      origin = await startNginx(build.outDir, include);
    }
  });

  it('sends every output file with its row’s Content-Type, cache, CORS and Vary', async () => {
    // Every file the table gives a host rule: the rest (co-located files, cards) take their type from the extension.
    const outputs = outputFiles(content).filter(({ row }) => row.pattern && !row.typeFromExtension);
    expect(outputs.length).toBeGreaterThan(30);
    for (const { row: format, file } of outputs) {
      const response = await fetch(url(file.path));
      expect(response.status, file.path).toBe(200);
      expect(response.headers.get('content-type'), file.path).toBe(format.mediaType);
      expect(response.headers.get('cache-control'), file.path).toBe(format.cache);
      expect(response.headers.get('access-control-allow-origin'), file.path).toBe(format.cors ? '*' : null);
      expect(response.headers.get('vary'), file.path).toBe(format.vary ?? null);
      expect(response.headers.get('x-robots-tag'), file.path).toBe(file.entry?.visibility === 'unlisted' ? 'noindex' : null);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('link'), file.path).toBe(`<${basePath}/.well-known/api-catalog>; rel="api-catalog"`);
      expect(await response.text(), file.path).toBe(fs.readFileSync(path.join(build.outDir, file.path)).toString('utf8'));
    }
  });

  it('sends every other file of the export with a type and charset that fit it', async () => {
    const outputPaths = new Set(outputFiles(content).map(({ file }) => file.path.slice(1)));
    const others = files.filter((f) => !outputPaths.has(f) && !f.startsWith('_') && !f.startsWith('.nojekyll') && expectedOtherType(server, f));
    expect(others.length).toBeGreaterThan(20);
    for (const file of others) {
      const response = await fetch(url(`/${file}`));
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toBe(expectedOtherType(server, file));
      await response.arrayBuffer();
    }
    const asset = files.find((f) => f.startsWith('_next/static/') && f.endsWith('.js'))!;
    const response = await fetch(url(`/${asset}`));
    expect(response.headers.get('content-type')).toBe(expectedOtherType(server, asset));
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a page URL with HTML by default and its markdown twin when Accept asks for it', async () => {
    const pages = ['/', '/posts/date-only/', '/about/', '/archive/', '/tags/', '/tags/日本語/', '/page/1/', '/posts/unlisted/'];
    for (const page of pages) {
      const twin = page === '/' ? '/index.md' : `${page.slice(0, -1)}.md`;
      const html = await fetch(url(page), { headers: { Accept: BROWSER_ACCEPT } });
      expect(html.status, page).toBe(200);
      expect(html.headers.get('content-type'), page).toBe('text/html; charset=utf-8');
      expect(html.headers.get('vary'), page).toBe('Accept');
      expect(links(html), page).toEqual([
        `<${basePath}${encodeURI(twin)}>; rel="alternate"; type="text/markdown"`,
        `<${basePath}/.well-known/api-catalog>; rel="api-catalog"`,
      ]);
      expect(await html.text()).toMatch(/^<!DOCTYPE html>/);

      const markdown = await fetch(url(page), { headers: { Accept: AGENT_ACCEPT } });
      expect(markdown.status, page).toBe(200);
      expect(markdown.headers.get('content-type'), page).toBe('text/markdown; charset=utf-8');
      expect(markdown.headers.get('vary'), page).toBe('Accept');
      expect(await markdown.text(), page).toBe(fs.readFileSync(path.join(build.outDir, twin)).toString('utf8'));
      // An unlisted page's markdown stays out of search indexes as its HTML does (a meta tag there).
      expect(markdown.headers.get('x-robots-tag'), page).toBe(page === '/posts/unlisted/' ? 'noindex' : null);
    }
    const card = await fetch(url('/og/posts/unlisted.png'));
    expect([card.status, card.headers.get('content-type'), card.headers.get('x-robots-tag')]).toEqual([200, 'image/png', 'noindex']);
    expect((await fetch(url('/og/posts/date-only.png'))).headers.get('x-robots-tag')).toBeNull();
  });

  it('keeps HTML for q=0, for no Accept header, and for pages without a twin', async () => {
    for (const accept of ['text/markdown;q=0, text/html', '*/*', '']) {
      const response = await fetch(url('/posts/date-only/'), { headers: accept ? { Accept: accept } : {} });
      expect(response.headers.get('content-type'), accept).toBe('text/html; charset=utf-8');
    }
    const contact = await fetch(url('/contact/'), { headers: { Accept: 'text/markdown' } });
    expect(contact.status).toBe(200);
    expect(contact.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(contact.headers.get('link')).toBe(`<${basePath}/.well-known/api-catalog>; rel="api-catalog"`);
    const missing = await fetch(url('/posts/no-such-post/'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<!DOCTYPE html>');
  });
});

describe('pages for agents that read HTML', () => {
  // Where the page's own content starts: the bytes of HTML and the characters of visible text
  // before <main>. The site header does not grow with the number of posts (it lists pages only).
  const measure = (file: string) => {
    const html = fs.readFileSync(path.join(build.outDir, file), 'utf8');
    const main = html.indexOf('<main');
    const before = html.slice(html.indexOf('<body'), main).replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    return { file, bytes: html.length, mainAt: main, textBefore: before.length, pointer: html.indexOf('llms.txt', main) - main };
  };

  it('start their content early and name the twin and llms.txt at the top of <main>', () => {
    const pages = ['index.html', 'archive/index.html', 'tags/index.html', 'posts/date-only/index.html', 'about/index.html'].map(measure);
    console.table(pages);
    for (const page of pages) {
      expect(page.mainAt, page.file).toBeGreaterThan(0);
      expect(page.mainAt, page.file).toBeLessThan(12_000);
      expect(page.textBefore, page.file).toBeLessThan(300);
      expect(page.pointer, page.file).toBeGreaterThan(0);
      expect(page.pointer, page.file).toBeLessThan(600);
    }
  });
});
