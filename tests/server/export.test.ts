import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite, readOut, ROOT, type BuildResult } from '../helpers/export-build';

// The export of the tree that also holds the server routes: none of them may reach out/.

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    return d.isDirectory() ? listFiles(path.join(dir, d.name), rel) : [rel];
  });
}

/** Forms other than the header's search box, which every page has. */
const API_FORM = /<form\b(?![^>]*role="search")([^>]*)>/g;

/** The attributes of the page's one form besides the search box. */
function formAttributes(html: string): Record<string, string> {
  const forms = [...html.matchAll(API_FORM)];
  expect(forms).toHaveLength(1);
  return Object.fromEntries([...forms[0]![1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

let plain: BuildResult;
let withApi: BuildResult;

// Both builds up front, one after the other (a build wants both cores).
beforeAll(async () => {
  plain = await exportSite('server-export', { PUBLIC_API_ORIGIN: '' });
  withApi = await exportSite('server-export-api', { PUBLIC_API_ORIGIN: 'https://api.example.test/' });
});

afterAll(() => {
  for (const build of [plain, withApi]) if (build) fs.rmSync(build.outDir, { recursive: true, force: true });
});

// Site paths of the server-only route files (app/api/contact/route.server.ts → api/contact).
const serverRoutePaths = fs.readdirSync(path.join(ROOT, 'app'), { recursive: true, encoding: 'utf8' })
  .filter((file) => /(^|\/)route\.server\.tsx?$/.test(file))
  .map((file) => path.dirname(file).split(path.sep).join('/'));
const isServerRouteOutput = (file: string) => serverRoutePaths.some((route) => file === route || file.startsWith(`${route}/`) || file.startsWith(`${route}.`));

describe('export of the tree with server routes', () => {
  it('contains no server route, and the contact page offers mailto: without PUBLIC_API_ORIGIN', () => {
    const { code, output, outDir } = plain;
    expect(code, output).toBe(0);
    const files = listFiles(outDir);
    expect(files.filter(isServerRouteOutput)).toEqual([]);
    expect(serverRoutePaths).toEqual(expect.arrayContaining(['api/contact', 'api/subscribe', 'api/health', 'api/webhooks/content']));
    expect(files.filter((f) => /\.server\b|instrumentation|proxy/.test(f))).toEqual([]);
    const contact = readOut(outDir, 'contact/index.html');
    expect(contact).toContain('href="mailto:hello@mdsite.example.com"');
    expect(contact).not.toMatch(new RegExp(API_FORM.source));
    expect(readOut(outDir, "subscribe/index.html")).not.toMatch(new RegExp(API_FORM.source));
    // The API description is a static file of the export too.
    const openapi = JSON.parse(readOut(outDir, 'openapi.json')) as { openapi: string; paths: object; servers: { url: string }[] };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/api/contact');
    expect(openapi.servers).toEqual([{ url: 'https://mdsite.example.com' }]);
  });

  it('points the forms at PUBLIC_API_ORIGIN when it is set', () => {
    const { code, output, outDir } = withApi;
    expect(code, output).toBe(0);
    expect(formAttributes(readOut(outDir, 'contact/index.html'))).toMatchObject({ method: 'post', action: 'https://api.example.test/api/contact' });
    expect(formAttributes(readOut(outDir, 'subscribe/index.html'))).toMatchObject({ method: 'post', action: 'https://api.example.test/api/subscribe' });
    const openapi = JSON.parse(readOut(outDir, 'openapi.json')) as { openapi: string; servers: { url: string }[] };
    expect(openapi.servers).toEqual([{ url: 'https://api.example.test' }]);
    expect(listFiles(outDir).filter(isServerRouteOutput)).toEqual([]);
  });

  it('fails npm run build when a plain route.ts exports POST, naming the file and the fix', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-leak-'));
    fs.mkdirSync(path.join(project, 'app/api/leak'), { recursive: true });
    fs.writeFileSync(path.join(project, 'app/api/leak/route.ts'), `export async function POST() { return new Response(null, { status: 204 }); }\n`);
    const outDir = path.join(project, 'out');
    const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), '--tsconfig', path.join(ROOT, 'tsconfig.json'), path.join(ROOT, 'scripts/build.ts')], {
      cwd: project,
      env: { ...process.env, CONTENT_DIR: path.join(ROOT, 'content'), OUT_DIR: outDir },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('app/api/leak/route.ts: POST');
    expect(result.stderr).toContain('route.server.ts');
    expect(fs.existsSync(outDir)).toBe(false);
    fs.rmSync(project, { recursive: true, force: true });
  });
});
