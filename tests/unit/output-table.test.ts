import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '@/lib/content';
import { alternateTypes } from '@/lib/seo';
import { OUTPUTS, outputFileByPath, outputFiles, outputFilesByOwner, pathClashes } from '@/lib/outputs/registry';
import { matchRoute, outputResponse } from '@/lib/outputs/route';
import { hostileContent } from '../helpers/hostile-content';

const APP = path.resolve(import.meta.dirname, '../../app');

/** Every `route.ts` under app/ (server-only `route.server.ts` files are the POST API, not outputs), as its site route. */
function appRoutes(dir = APP, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.isDirectory()) return appRoutes(path.join(dir, d.name), `${prefix}/${d.name}`);
    return d.name === 'route.ts' || d.name === 'route.tsx' ? [prefix || '/'] : [];
  });
}

let content: Content;
beforeAll(async () => {
  content = await hostileContent({ identity: { atprotoDid: 'did:plc:x', webfinger: { subject: 'acct:a@b.c', profile: 'https://b.c/' } } });
});

describe('the output table and app/', () => {
  it('has a route file for every routed row, serving that row through the factory', () => {
    for (const route of new Set(OUTPUTS.flatMap((row) => row.route ?? []))) {
      const file = path.join(APP, route, 'route.ts');
      expect(fs.existsSync(file), `${route} has no app${route}/route.ts`).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toContain(`outputRoute('${route}')`);
    }
  });

  it('has a row for every route file of app/: no file is served outside the table', () => {
    const routed = new Set(OUTPUTS.map((row) => row.route));
    expect(appRoutes().filter((route) => !routed.has(route))).toEqual([]);
  });

  it('gives every file one path, matched by its own row’s route', () => {
    const files = outputFiles(content);
    const paths = files.map(({ file }) => file.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const { row, file } of files) {
      if (row.route) expect(matchRoute(row.route, file.path), `${file.path} ↔ ${row.route}`).toBeDefined();
      expect(row.checks.length, `${row.name} has no check`).toBeGreaterThan(0);
    }
    // One of each kind the table must cover: feeds, twins, co-located files, cards, host files.
    expect(paths).toEqual(expect.arrayContaining([
      '/rss.xml', '/tags/日本語/atom.xml', '/posts/with-image.md', '/about.md', '/og/site.png', '/_headers', '/.nojekyll',
      '/.well-known/webfinger', '/openapi.json',
    ]));
    expect(files.some(({ row }) => row.name === 'co-located files')).toBe(true);
  });

  it('names two outputs that would write one path, which the build refuses', async () => {
    expect(pathClashes(content)).toEqual([]);
    const clashing = await hostileContent({ indexNow: { key: 'llms-full' } });
    expect(pathClashes(clashing)).toEqual(['/llms-full.txt would be written by llms-full.txt and by IndexNow key']);
  });

  it('answers a file with its body, media type, caching and CORS', async () => {
    const rss = await outputResponse(outputFileByPath(content).get('/rss.xml')!);
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(rss.headers.get('access-control-allow-origin')).toBe('*');
    expect(await rss.text()).toMatch(/^<\?xml/);
    const asset = outputFiles(content).find(({ row }) => row.name === 'co-located files')!;
    const response = await outputResponse(asset);
    expect(response.headers.get('content-type')).toBe(asset.file.mediaType);
    expect(new Uint8Array(await response.arrayBuffer()).length).toBeGreaterThan(0);
  });

  it('links each page’s alternates from the rows: site feeds everywhere, a tag’s feeds and an entry’s twin on their own pages', () => {
    const entry = content.posts.find((p) => p.slug === 'with-image')!;
    const tag = content.tags.find((t) => t.tag.name === '日本語')!.tag;
    const onEntry = alternateTypes(content.site, { entry, content })!;
    const onTag = alternateTypes(content.site, { tag, content })!;
    const urls = (types: typeof onEntry, type: string) => ((types as Record<string, { url: string }[]>)[type] ?? []).map((l) => l.url);
    expect(urls(onEntry, 'application/rss+xml')).toEqual(['https://mdsite.example.com/blog/rss.xml']);
    expect(urls(onEntry, 'text/markdown')).toEqual(['https://mdsite.example.com/blog/posts/with-image.md']);
    expect(urls(onTag, 'application/atom+xml')).toEqual(['https://mdsite.example.com/blog/atom.xml', `https://mdsite.example.com/blog/tags/${encodeURI('日本語')}/atom.xml`]);
    expect(urls(onTag, 'text/markdown')).toEqual([`https://mdsite.example.com/blog/tags/${encodeURI('日本語')}.md`]);
    expect(outputFilesByOwner(content).get(entry)!.map(({ file }) => file.path)).toEqual(expect.arrayContaining(['/posts/with-image.md', '/api/posts/with-image.json']));
  });
});
