import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedNames, isServerMode, serverRoutesInExport } from '@/lib/build-mode';
import { formAction } from '@/lib/forms';
import { trailingSlashTarget } from '@/lib/trailing-slash';

describe('exportedNames', () => {
  it.each([
    ['export async function POST() {}', ['POST']],
    ['export function* GET() {}', ['GET']],
    ['export const PUT = handler;', ['PUT']],
    ['export const { GET, POST, OPTIONS } = route;', ['GET', 'POST', 'OPTIONS']],
    ['const a = 1; export { a as DELETE, b };', ['DELETE', 'b']],
    ['export const dynamic = "force-static";', ['dynamic']],
    ['// POST is mentioned only in a comment', []],
  ])('%s', (source, names) => {
    expect(exportedNames(source)).toEqual(names);
  });
});

describe('serverRoutesInExport', () => {
  it('finds write methods in plain route files and ignores route.server.ts', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-routes-'));
    const write = (file: string, source: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), source);
    };
    write('app/feed.xml/route.ts', 'export const dynamic = "force-static"; export async function GET() {}');
    write('app/api/ok/route.server.ts', 'export const { GET, POST } = route;');
    write('app/api/bad/route.ts', 'export const { GET, POST, PATCH } = route;');
    write('app/api/worse/route.tsx', 'export async function DELETE() {}');
    expect(serverRoutesInExport(root).sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      { file: 'app/api/bad/route.ts', methods: ['POST', 'PATCH'] },
      { file: 'app/api/worse/route.tsx', methods: ['DELETE'] },
    ]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('finds none in this project', () => {
    expect(serverRoutesInExport(process.cwd())).toEqual([]);
  });
});

describe('formAction', () => {
  const site = { basePath: '' };
  it('posts to the own API in server mode, under the base path', () => {
    expect(formAction(site, 'contact', { MDSITE_MODE: 'server' })).toBe('/api/contact');
    expect(formAction({ basePath: '/blog' }, 'subscribe', { MDSITE_MODE: 'server' })).toBe('/blog/api/subscribe');
  });
  it('posts to PUBLIC_API_ORIGIN in export mode, or nowhere', () => {
    expect(formAction(site, 'contact', { PUBLIC_API_ORIGIN: 'https://api.example.com/' })).toBe('https://api.example.com/api/contact');
    expect(formAction(site, 'contact', {})).toBeUndefined();
    expect(isServerMode({ MDSITE_MODE: 'export' })).toBe(false);
  });
});

describe('trailingSlashTarget', () => {
  it.each([
    ['/about', '/about/'],
    ['/about/', undefined],
    ['/', undefined],
    ['/posts/a/pic.png', undefined],
    ['/rss.xml', undefined],
    ['/tags/web-dev', '/tags/web-dev/'],
  ])('%s → %s', (input, output) => {
    expect(trailingSlashTarget(input)).toBe(output);
  });
});
