import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import { systemTool } from '../setup/system-tools';

/** Chromium (Debian's `chromium`, or CHROMIUM_PATH), headless, with no background network traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: systemTool('chromium'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

export interface OpenOptions extends BrowserContextOptions {
  /** The status the address itself is meant to answer, e.g. 404 for the not-found page. */
  status?: number;
}

/** Anything a page reports that a working site never shows, as one line each. */
function watch(context: BrowserContext, problems: string[], allowed: { url: string; status: number } | undefined): void {
  context.on('console', (m) => {
    // Chromium logs an error status of the address itself too: expected for the not-found page.
    const expected = allowed && m.location().url === allowed.url && m.text().includes(`status of ${allowed.status}`);
    if (m.type() === 'error' && !expected) problems.push(`console error on ${m.page()?.url()}: ${m.text()}`);
  });
  context.on('weberror', (e) => problems.push(`uncaught on ${e.page()?.url()}: ${e.error().message}`));
  // Next.js aborts its own prefetch requests on purpose (net::ERR_ABORTED); any other failure counts.
  context.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  context.on('response', (r) => {
    const expected = allowed && r.url() === allowed.url && r.status() === allowed.status && r.request().isNavigationRequest();
    if (r.status() >= 400 && !expected) problems.push(`${r.status()} for ${r.url()}`);
  });
}

/**
 * Browser tests for the calling test file. `open` loads a URL in a fresh browser context and
 * watches it; after each test every context is closed and the test fails on any console error,
 * uncaught exception, failed request or error status it saw. The browser starts on first use, so
 * a browser that cannot start fails each test with the reason instead of leaving them unrun.
 */
export function testBrowser() {
  let browser: Promise<Browser> | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(problems.splice(0), 'console errors, uncaught exceptions and failed requests').toEqual([]);
  });
  afterAll(async () => {
    await (await browser?.catch(() => undefined))?.close();
  });

  return {
    async open(url: string, { status, ...options }: OpenOptions = {}): Promise<Page> {
      browser ??= launchChromium();
      const context = await (await browser).newContext(options);
      contexts.push(context);
      watch(context, problems, status === undefined ? undefined : { url, status });
      const page = await context.newPage();
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(status ?? 200);
      return page;
    },
  };
}
