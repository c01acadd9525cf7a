import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSite, readOut, ROOT } from '../helpers/export-build';

// The export of the tree that also holds the server routes: none of them may reach out/.

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    return d.isDirectory() ? listFiles(path.join(dir, d.name), rel) : [rel];
  });
}

describe('export of the tree with server routes', () => {
  it('contains no server route, and the contact page offers mailto: without PUBLIC_API_ORIGIN', async () => {
    const { code, output, outDir } = await exportSite('server-export', { PUBLIC_API_ORIGIN: '' });
    expect(code, output).toBe(0);
    const files = listFiles(outDir);
    expect(files.filter((f) => f.startsWith('api/') || f.startsWith('api.') || f === 'api')).toEqual([]);
    expect(files.filter((f) => /\.server\b|instrumentation|proxy/.test(f))).toEqual([]);
    const contact = readOut(outDir, 'contact/index.html');
    expect(contact).toContain('href="mailto:hello@mdsite.example.com"');
    expect(contact).not.toContain('<form');
    expect(readOut(outDir, 'subscribe/index.html')).not.toContain('<form');
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('points the forms at PUBLIC_API_ORIGIN when it is set', async () => {
    const { code, output, outDir } = await exportSite('server-export-api', { PUBLIC_API_ORIGIN: 'https://api.example.test/' });
    expect(code, output).toBe(0);
    expect(readOut(outDir, 'contact/index.html')).toMatch(/<form[^>]*method="post"[^>]*action="https:\/\/api\.example\.test\/api\/contact"/);
    expect(readOut(outDir, 'subscribe/index.html')).toMatch(/<form[^>]*action="https:\/\/api\.example\.test\/api\/subscribe"/);
    expect(listFiles(outDir).filter((f) => f.startsWith('api/'))).toEqual([]);
    fs.rmSync(outDir, { recursive: true, force: true });
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
