import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cardKey } from '@/lib/og/cache';
import { cardPng } from '@/lib/og/card-png';
import type { CardData } from '@/lib/og/cards';
import { DRAWING_MODULES, ensureTemplateHash, templateHash } from '@/lib/og/template-hash';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'og-card-png-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeAll(() => ensureTemplateHash());
afterEach(() => vi.restoreAllMocks());

const colors = { background: '#ffffff', foreground: '#1b1f24', muted: '#5b6470', accent: '#0b5fce' };
const card = (title: string): CardData => ({ kind: 'post', siteName: 'mdsite', language: 'en', host: 'example.com', title, tags: [], colors });
let dirs = 0;
const freshDir = () => path.join(root, `cache-${++dirs}`);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** How many cards were rendered (each on-demand render logs one line). */
const renders = (log: { mock: { calls: unknown[][] } }) =>
  log.mock.calls.filter(([line]) => String(line).startsWith('Open Graph card rendered on demand')).length;

describe('cardPng (the route’s card)', () => {
  it('renders a missing card once for any number of concurrent requests, then serves it from the cache', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const dir = freshDir();
    const wanted = card('Asked for five times at once');
    const pngs = await Promise.all(Array.from({ length: 5 }, () => cardPng(wanted, dir)));
    expect(renders(log)).toBe(1);
    expect(pngs[0]!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    for (const png of pngs) expect(png.equals(pngs[0]!)).toBe(true);
    expect(fs.readFileSync(path.join(dir, `${cardKey(wanted)}.png`)).equals(pngs[0]!)).toBe(true);

    expect((await cardPng(wanted, dir)).equals(pngs[0]!)).toBe(true);
    expect(renders(log)).toBe(1);
  }, 60_000);

  it('renders different cards requested together separately', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const dir = freshDir();
    const [a, b] = await Promise.all([cardPng(card('First'), dir), cardPng(card('Second'), dir)]);
    expect(renders(log)).toBe(2);
    expect(a.equals(b)).toBe(false);
  }, 60_000);

  it('serves a cached file without rendering', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const dir = freshDir();
    const cached = card('Already cached');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, `${cardKey(cached)}.png`), 'cached bytes');
    expect((await cardPng(cached, dir)).toString()).toBe('cached bytes');
    expect(renders(log)).toBe(0);
  });

  it('fails every waiting request when the render fails, and tries again on the next one', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const dir = freshDir();
    fs.writeFileSync(dir, 'a file where the cache folder should be');
    const broken = card('Cannot be written');
    const results = await Promise.allSettled([cardPng(broken, dir), cardPng(broken, dir)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);

    fs.rmSync(dir);
    expect((await cardPng(broken, dir)).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(renders(log)).toBe(1);
  }, 60_000);

  it('does not read the cache in development, so template edits show at once', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.stubEnv('NODE_ENV', 'development');
    try {
      const dir = freshDir();
      const edited = card('Edited template');
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, `${cardKey(edited)}.png`), 'stale bytes');
      expect((await cardPng(edited, dir)).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 60_000);
});

describe('the renderer’s part of the cache key', () => {
  it('follows the code of the drawing modules, not their comments or layout', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'template-'));
    for (const name of DRAWING_MODULES) fs.copyFileSync(path.join('lib/og', name), path.join(dir, name));
    const original = await templateHash(dir);
    const template = path.join(dir, 'template.tsx');
    const source = fs.readFileSync(template, 'utf8');

    fs.writeFileSync(template, `// A new comment\n\n${source.replace(/\n\n/g, '\n\n\n').replace(/\/\/ .*$/m, '// reworded')}`);
    expect(await templateHash(dir)).toBe(original);

    fs.writeFileSync(template, source.replace('const PADDING_X = 80;', 'const PADDING_X = 96;'));
    expect(await templateHash(dir)).not.toBe(original);
  });

  it('needs no source files at run time: a key is computed from any working folder', () => {
    const tsx = path.resolve('node_modules/tsx/dist/esm/index.mjs');
    const code = `const { cardKey } = await import(${JSON.stringify(path.resolve('lib/og/cache.ts'))}); console.log(cardKey({ title: 'x' }));`;
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', code], { cwd: os.tmpdir(), env: { ...process.env, ...env }, encoding: 'utf8' });
    const a = run({ OG_TEMPLATE_HASH: 'template-a' });
    expect(a.stderr).toBe('');
    expect(a.stdout.trim()).toMatch(/^[0-9a-f]{32}$/);
    expect(run({ OG_TEMPLATE_HASH: 'template-a' }).stdout).toBe(a.stdout);
    expect(run({ OG_TEMPLATE_HASH: 'template-b' }).stdout).not.toBe(a.stdout);
  }, 60_000);
});
