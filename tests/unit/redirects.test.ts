import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, type Content } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { redirects, renderRedirectPage, renderRedirectsFile, shadowedRedirects } from '@/lib/outputs/redirects';
import { outputFiles } from '@/lib/outputs/registry';
import { resolveSite } from '@/lib/site';
import siteConfig from '@/site.config';
import { CheckContext } from '@/scripts/check/context';
import { checkRedirectPage } from '@/scripts/check/redirects';
import { makeContentDir, md } from '../helpers/content';

let content: Content;
beforeAll(async () => {
  const dir = makeContentDir({ 'posts/hello.md': md('title: Hello\ndate: 2024-05-01'), 'pages/about.md': md('title: About\ndate: 2024-01-01') });
  const site = resolveSite(
    {
      ...siteConfig,
      timeZone: 'UTC',
      permalinks: { post: '/:year/:month/:slug/', keep: ['/posts/:slug/', '/:year/:month/:slug/'] },
      redirects: [{ from: '/old-about/', to: '/about/' }, { from: '/away/', to: 'https://example.org/x?a=1&b=2' }, { from: '/about/', to: '/elsewhere/' }],
    },
    { CONTENT_DIR: dir, BUILD_DATE: '2026-01-01T00:00:00Z', BASE_PATH: '/blog', NODE_ENV: 'production' },
  );
  content = buildContent(site, await loadContent(site));
}, 60_000);

describe('redirects', () => {
  it('keep the URLs of earlier permalink patterns and the site’s own list, never from a published path', () => {
    expect(redirects(content).map(({ from, to }) => `${from} → ${to}`)).toEqual([
      '/old-about/ → /about/',
      '/away/ → https://example.org/x?a=1&b=2',
      '/posts/hello/ → /2024/05/hello/',
    ]);
  });

  it('name a site redirect from a published path, which the build refuses', () => {
    expect(shadowedRedirects(content)).toEqual([expect.stringMatching(/^redirects: "\/about\/" → "\/elsewhere\/" never applies, because pages\/about\.md is published at \/about\//)]);
  });

  it('become redirect pages and _redirects rules under the base path', () => {
    const files = outputFiles(content).filter(({ row }) => row.name === 'redirect pages').map(({ file }) => file.path);
    expect(files).toEqual(['/old-about/index.html', '/away/index.html', '/posts/hello/index.html']);
    expect(renderRedirectsFile(content).split('\n').slice(1, -1)).toEqual([
      '/blog/old-about/ /blog/about/ 301',
      '/blog/away/ https://example.org/x?a=1&b=2 301',
      '/blog/posts/hello/ /blog/2024/05/hello/ 301',
    ]);
    const page = renderRedirectPage(content, redirects(content)[1]!);
    expect(page).toContain('<meta http-equiv="refresh" content="0; url=https://example.org/x?a=1&amp;b=2">');
    expect(page).toContain('<link rel="canonical" href="https://example.org/x?a=1&amp;b=2">');
    expect(page).toContain('<meta name="robots" content="noindex">');
  });

  it('are checked to land on a page of the export', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-redirects-'));
    const write = (file: string, body: string) => {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), body);
    };
    const [toAbout, , toPost] = redirects(content);
    write('about/index.html', '<!doctype html><title>About</title>');
    write('old-about/index.html', renderRedirectPage(content, toAbout!));
    write('posts/hello/index.html', renderRedirectPage(content, toPost!));
    const ctx = new CheckContext(out, content);
    checkRedirectPage(ctx, 'old-about/index.html');
    expect(ctx.problems).toEqual([]);
    checkRedirectPage(ctx, 'posts/hello/index.html');
    expect(ctx.problems.map((p) => p.message)).toEqual([expect.stringMatching(/redirects to https:\/\/mdsite\.example\.com\/blog\/2024\/05\/hello\/, which .*points to nothing/)]);
  });
});
