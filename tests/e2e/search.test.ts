import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { md, makeContentDir } from '../helpers/content';
import { exportSite } from '../helpers/export-build';
import { serveStatic } from '../helpers/static-server';

// Full-text search in Debian's Chromium: a small site exported at the root and under /blog, served
// like a static host. The words searched for occur only in post bodies, never in titles.

const contentDir = makeContentDir({
  'posts/field-notes.md': md('title: Field notes\ndate: 2025-01-10', 'We counted a quokkaberry near the river, and a lanternfish.\n\n`<b>bold?</b>` stays text.'),
  'posts/deep-water.md': md('title: Deep water\ndate: 2025-01-12', 'The lanternfish glows in deep water. Another lanternfish follows.'),
  'posts/other.md': md('title: Something else\ndate: 2025-01-11', 'Nothing to find here but ordinary words.'),
  'posts/hidden.md': md('title: Hidden\ndate: 2025-01-13\nunlisted: true', 'A marmalizard lives here.'),
  'posts/draft.md': md('title: Draft\ndate: 2025-01-14\ndraft: true', 'Another marmalizard waits.'),
  'pages/about.md': md('title: About\ndate: 2025-01-01', 'This site talks about a quokkaberry too.'),
});

// The first query loads Pagefind's script, engine and index: on a busy machine that takes seconds.
const POLL = { timeout: 20_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(contentDir, { recursive: true, force: true });
});

describe.each([
  { name: 'at the root', base: '' },
  { name: 'under a base path', base: '/blog' },
])('search $name', ({ name, base }) => {
  let server: Awaited<ReturnType<typeof serveStatic>>;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const build = await exportSite(`search-${base ? 'base' : 'root'}`, { CONTENT_DIR: contentDir, BASE_PATH: base });
    if (build.code !== 0) throw new Error(`${name}: export failed:\n${build.output.slice(-4000)}`);
    server = await serveStatic(build.outDir, base);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function open(path: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`${path}: console: ${m.text()}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${path}: ${r.status()} ${r.url()}`));
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${server.origin}${base}${path}`);
    return page;
  }

  const results = (page: Page) => page.locator('.search-results a');
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('href') ?? document.activeElement?.tagName);

  it('finds a word from a post body, shows where it matched, and opens the result', async () => {
    const page = await open('/archive/');
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('quokkaberry');
    await expect.poll(() => results(page).allTextContents(), POLL).toEqual(expect.arrayContaining(['Field notes', 'About']));
    expect(await results(page).count()).toBe(2);
    expect(await page.locator('.search-results a', { hasText: 'Field notes' }).getAttribute('href')).toBe(`${base}/posts/field-notes/`);
    expect(await page.locator('.search-excerpt mark').first().textContent()).toBe('quokkaberry');
    // Page text that looks like markup is shown as text.
    await box.fill('bold');
    await expect.poll(() => page.locator('.search-excerpt').first().textContent(), POLL).toContain('<b>bold?</b>');
    expect(await page.locator('.search-results b').count()).toBe(0);

    await box.fill('lanternfish');
    await expect.poll(() => results(page).count(), POLL).toBe(2);
    await results(page).first().click();
    await page.waitForURL(/\/posts\/(deep-water|field-notes)\/$/);
    expect(new URL(page.url()).pathname.startsWith(`${base}/posts/`)).toBe(true);
    await page.context().close();
    expect(problems).toEqual([]);
  });

  it('moves through the results with the keyboard: Tab, Shift+Tab, Enter, Escape', async () => {
    const page = await open('/');
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.focus();
    await page.keyboard.type('lanternfish');
    await expect.poll(() => results(page).count(), POLL).toBe(2);
    const hrefs = await results(page).evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(hrefs[0]);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(hrefs[1]);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('INPUT');
    await page.keyboard.press('Escape');
    expect(await box.inputValue()).toBe('');
    expect(await page.locator('.search-results').count()).toBe(0);

    await page.keyboard.type('quokkaberry');
    await expect.poll(() => results(page).count(), POLL).toBe(2);
    const first = await results(page).first().getAttribute('href');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.origin}${first}`);

    // Enter in the box opens the first result.
    const again = page.getByRole('searchbox', { name: 'Search' });
    await again.fill('lanternfish');
    await expect.poll(() => results(page).count(), POLL).toBe(2);
    const top = await results(page).first().getAttribute('href');
    await again.press('Enter');
    await page.waitForURL(`${server.origin}${top}`);
    await page.context().close();
    expect(problems).toEqual([]);
  });

  it('finds nothing from unlisted or draft posts, nor from navigation', async () => {
    const page = await open('/tags/');
    const box = page.getByRole('searchbox', { name: 'Search' });
    for (const word of ['marmalizard', 'archive', 'contact']) {
      await box.fill(word);
      await expect.poll(() => page.locator('.search-results').textContent(), { ...POLL, message: word }).toBe('No matches.');
    }
    await page.context().close();
    expect(problems).toEqual([]);
  });

  it('loads the index in pieces: no stock interface, one index chunk and one fragment per shown result', async () => {
    requests.length = 0;
    const page = await open('/about/');
    await page.getByRole('searchbox', { name: 'Search' }).fill('quokkaberry');
    await expect.poll(() => results(page).count(), POLL).toBe(2);
    const bundle = requests.filter((r) => r.startsWith(`${base}/pagefind/`)).map((r) => r.slice(`${base}/pagefind/`.length));
    expect(bundle.filter((r) => r.startsWith('fragment/'))).toHaveLength(2);
    expect(bundle.filter((r) => r.startsWith('index/')).length).toBeGreaterThanOrEqual(1);
    expect(bundle.some((r) => /ui|highlight/.test(r))).toBe(false);
    expect(bundle).toContain('pagefind.js');
    await page.context().close();
    expect(problems).toEqual([]);
  });

  it('without JavaScript, the box leads to the archive', async () => {
    const page = await open('/posts/field-notes/', { javaScriptEnabled: false });
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('quokkaberry');
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === `${base}/archive/`);
    expect(await page.locator('h1').textContent()).toMatch(/archive/i);
    await page.context().close();
  });
});
