import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBrowser, type OpenOptions } from '../helpers/browser';
import { exportSite } from '../helpers/export-build';
import { serveStatic } from '../helpers/static-server';

// The shipped sample site, exported and served like a static host, in Chromium. Every test fails on
// a console error, an uncaught exception or a failed request (testBrowser checks after each test).
const browser = testBrowser();
let server: Awaited<ReturnType<typeof serveStatic>> | Error;

beforeAll(async () => {
  // Kept, not thrown: a hook that throws leaves the tests reported as skipped; each test throws it instead.
  const build = await exportSite('e2e', { BUILD_DATE: '2027-01-01T00:00:00Z' });
  server = build.code === 0 ? await serveStatic(build.outDir) : new Error(`the export failed:\n${build.output.slice(-4000)}`);
});

afterAll(async () => {
  if (server && !(server instanceof Error)) await server.close();
});

async function open(path: string, { width = 1280, ...options }: OpenOptions & { width?: number } = {}): Promise<Page> {
  if (server instanceof Error) throw server;
  return browser.open(server.origin + path, { viewport: { width, height: 800 }, colorScheme: 'light', ...options });
}

describe('the exported site in Chromium', () => {
  it('navigates from the home page to a post and back through the archive', async () => {
    const page = await open('/');
    const first = page.locator('.post-list h2 a').first();
    const title = (await first.textContent())!;
    await first.click();
    await page.waitForURL(/\/posts\/[a-z0-9-]+\/$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe(title);
    await page.getByRole('link', { name: 'Archive' }).click();
    await page.waitForURL(/\/archive\/$/);
    expect(await page.locator('.archive a').count()).toBeGreaterThanOrEqual(6);
    await page.close();
  });

  it('follows the table of contents to its heading', async () => {
    const page = await open('/posts/frontmatter-reference/');
    const link = page.locator('.toc a').nth(1);
    const hash = (await link.getAttribute('href'))!;
    await link.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(hash);
    expect(await page.locator(hash.replace(/([^\w#-])/g, '\\$1')).isVisible()).toBe(true);
    await page.close();
  });

  it('is accessible in its basics: language, one h1, alt text, named links, skip link', async () => {
    for (const path of ['/', '/posts/writing-a-post/', '/tags/', '/archive/', '/about/']) {
      const page = await open(path);
      const report = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        h1: document.querySelectorAll('h1').length,
        imagesWithoutAlt: [...document.querySelectorAll('img')].filter((img) => !img.hasAttribute('alt')).length,
        unnamedLinks: [...document.querySelectorAll('a')].filter((a) => !a.textContent?.trim() && !a.getAttribute('aria-label') && a.getAttribute('aria-hidden') !== 'true').length,
        firstLink: document.querySelector('a')?.textContent,
      }));
      expect(report, path).toEqual({ lang: 'en', h1: 1, imagesWithoutAlt: 0, unnamedLinks: 0, firstLink: 'Skip to content' });
      await page.close();
    }
  });

  it('follows prefers-color-scheme for dark mode, code included', async () => {
    const colours = async (scheme: 'light' | 'dark') => {
      const page = await open('/posts/writing-a-post/', { colorScheme: scheme });
      const result = await page.evaluate(() => ({
        body: getComputedStyle(document.body).backgroundColor,
        code: getComputedStyle(document.querySelector('pre.shiki')!).backgroundColor,
      }));
      await page.close();
      return result;
    };
    const light = await colours('light');
    const dark = await colours('dark');
    expect(light.body).toBe('rgb(255, 255, 255)');
    expect(dark.body).toBe('rgb(17, 20, 24)');
    expect(dark.code).not.toBe(light.code);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    for (const path of ['/', '/posts/frontmatter-reference/', '/posts/writing-a-post/']) {
      const page = await open(path, { width: 375 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.close();
    }
  });

  it('shows the 404 page for an unknown address', async () => {
    const page = await open('/no/such/page/', { status: 404 });
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.close();
  });
});
