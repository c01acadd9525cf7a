import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { imageSize } from 'image-size';
import ogs from 'open-graph-scraper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rawConfig from '@/site.config';
import { buildContent, type Content } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { resolveSite } from '@/lib/site';
import { exportSite, fixture, readOut, type BuildResult } from '../helpers/export-build';

// Two real exports of tests/fixtures/og sharing one fresh card cache: the first (offline) renders
// every card, the second (nothing changed) must render none.

const ORIGIN = 'https://mdsite.example.com/blog';
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'og-build-cache-'));
const env = { CONTENT_DIR: fixture('og'), BASE_PATH: '/blog', OG_CACHE_DIR: cacheDir };

let cold: BuildResult;
let warm: BuildResult;
let cacheAfterCold: string[];
let content: Content;

const cacheListing = () => fs.readdirSync(cacheDir).sort().map((f) => `${f} ${fs.statSync(path.join(cacheDir, f)).mtimeMs}`);
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The Open Graph and Twitter image tags of an exported page, read by open-graph-scraper. */
async function head(outDir: string, pagePath: string) {
  const { result } = await ogs({ html: readOut(outDir, path.join(pagePath, 'index.html')) });
  return result;
}

/** The exported file an absolute URL of the site points to. */
function fileOf(outDir: string, url: string): string {
  expect(url.startsWith(`${ORIGIN}/`), `${url} is an absolute URL of the site`).toBe(true);
  return path.join(outDir, url.slice(ORIGIN.length));
}

beforeAll(async () => {
  const site = resolveSite(rawConfig, { ...env, BUILD_DATE: '2026-01-01T00:00:00Z' });
  content = buildContent(site, await loadContent(site));
  // The first build runs with no network at all: fonts and emoji must come from node_modules.
  cold = await exportSite('og-cold', env, { offline: true });
  cacheAfterCold = cacheListing();
  warm = await exportSite('og-warm', env);
});

afterAll(() => {
  for (const dir of [cacheDir, cold?.outDir, warm?.outDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Open Graph cards in the export', () => {
  it('builds', () => {
    expect(cold.code, cold.output).toBe(0);
    expect(warm.code, warm.output).toBe(0);
  });

  it('gives every listed post an og:image that is a 1200×630 PNG in the export', async () => {
    const posts = content.listedPosts.filter((p) => !p.image);
    expect(posts.length).toBeGreaterThanOrEqual(3);
    for (const post of posts) {
      const meta = await head(cold.outDir, post.path);
      const [image] = meta.ogImage ?? [];
      expect(image?.url).toBe(`${ORIGIN}/og/posts/${post.slug}.png`);
      expect(image).toMatchObject({ width: '1200', height: '630', alt: expect.stringContaining(post.title) });
      expect(meta.twitterCard).toBe('summary_large_image');
      expect(meta.twitterImage?.[0]?.url).toBe(image!.url);
      expect(imageSize(fs.readFileSync(fileOf(cold.outDir, image!.url)))).toMatchObject({ type: 'png', width: 1200, height: 630 });
    }
  });

  it('draws a different card for each post', () => {
    const cards = fs.readdirSync(path.join(cold.outDir, 'og/posts'));
    expect(cards.sort()).toEqual(['cjk.png', 'long-title.png', 'plain.png', 'unlisted.png']);
    const hashes = cards.map((f) => sha(path.join(cold.outDir, 'og/posts', f)));
    expect(new Set(hashes).size).toBe(cards.length);
  });

  it('uses a post’s frontmatter image instead of a card', async () => {
    const [image] = (await head(cold.outDir, '/posts/own-image/')).ogImage ?? [];
    expect(image?.url).toBe(`${ORIGIN}/posts/own-image/cover.png`);
    expect(fs.existsSync(fileOf(cold.outDir, image!.url))).toBe(true);
    expect(fs.existsSync(path.join(cold.outDir, 'og/posts/own-image.png'))).toBe(false);
  });

  it('shows the site card on home, tag, list and standalone pages', async () => {
    for (const page of ['/', '/tags/design/', '/archive/', '/colophon/']) {
      const meta = await head(cold.outDir, page);
      expect(meta.ogImage?.[0]?.url, page).toBe(`${ORIGIN}/og/site.png`);
      expect(meta.twitterCard).toBe('summary_large_image');
    }
    expect(imageSize(fs.readFileSync(path.join(cold.outDir, 'og/site.png')))).toMatchObject({ width: 1200, height: 630 });
  });

  it('renders every card before next build, so the export only reads the cache', () => {
    expect(cold.output).toContain('Open Graph cards: 5 rendered');
    expect(cold.output).not.toContain('rendered on demand');
  });

  it('renders no card when nothing changed', () => {
    expect(warm.output).toContain('Open Graph cards: 0 rendered, 5 from cache');
    expect(warm.output).not.toContain('rendered on demand');
    expect(cacheListing()).toEqual(cacheAfterCold);
    for (const card of ['site.png', 'posts/plain.png', 'posts/cjk.png']) {
      expect(sha(path.join(warm.outDir, 'og', card))).toBe(sha(path.join(cold.outDir, 'og', card)));
    }
  });
});
