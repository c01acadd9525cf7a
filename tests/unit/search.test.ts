import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '@/lib/content';
import { excerptParts, matchesQuery } from '@/lib/search/excerpt';
import { decodePagefindFile, fragmentPages, pagefindOutputOf, pagefindOutputs, withoutScripts } from '@/lib/search/pagefind';
import { CheckContext } from '@/scripts/check/context';
import { checkPublication } from '@/scripts/check/publication';
import { checkSearchIndex } from '@/scripts/check/search';
import { makeContentDir } from '../helpers/content';
import { hostileContent } from '../helpers/hostile-content';

const pagefindFile = (payload: unknown) => zlib.gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from(JSON.stringify(payload))]));

describe('pages as Pagefind gets them', () => {
  it('lose their script elements (Next.js payloads, JSON-LD) and nothing else', () => {
    const page = [
      '<html lang="de"><head><title>T</title><script type="application/ld+json">{"a":"<b>"}</script></head>',
      '<body><main data-pagefind-body><h1>Über</h1><p>Text &lt;script&gt; stays</p><noscript>No JS</noscript><script-panel>kept</script-panel></main>',
      '<script>self.__next_f.push([1,"x<\\/script>"])</script><SCRIPT async src="/a.js"></SCRIPT ></body></html>',
    ].join('');
    expect(withoutScripts(page)).toBe(
      '<html lang="de"><head><title>T</title></head><body><main data-pagefind-body><h1>Über</h1><p>Text &lt;script&gt; stays</p><noscript>No JS</noscript><script-panel>kept</script-panel></main></body></html>',
    );
  });
});

describe('search excerpts', () => {
  it('splits marked words from the text and keeps markup-looking text as text', () => {
    expect(excerptParts('the <mark>zebrafish</mark> swims &lt;script&gt;alert(1)&lt;/script&gt; & more')).toEqual([
      { text: 'the ', mark: false },
      { text: 'zebrafish', mark: true },
      { text: ' swims <script>alert(1)</script> & more', mark: false },
    ]);
  });

  it('drops any other tag and empty runs', () => {
    expect(excerptParts('<mark>a</mark><mark>b</mark><img src=x onerror=alert(1)>c')).toEqual([
      { text: 'a', mark: true },
      { text: 'b', mark: true },
      { text: 'c', mark: false },
    ]);
    expect(excerptParts('')).toEqual([]);
  });
});

describe('the Pagefind bundle on hosts', () => {
  it('gives every file kind Pagefind writes a media type and cache', () => {
    const kinds: [string, string, string][] = [
      ['/pagefind/pagefind.js', 'text/javascript; charset=utf-8', 'public, max-age=3600'],
      ['/pagefind/pagefind-worker.js', 'text/javascript; charset=utf-8', 'public, max-age=3600'],
      ['/pagefind/pagefind-entry.json', 'application/json; charset=utf-8', 'public, max-age=0, must-revalidate'],
      ['/pagefind/wasm.en.pagefind', 'application/octet-stream', 'public, max-age=3600'],
      ['/pagefind/pagefind.en_e278d7faf9.pf_meta', 'application/octet-stream', 'public, max-age=31536000, immutable'],
      ['/pagefind/index/en_a7e0ffe.pf_index', 'application/octet-stream', 'public, max-age=31536000, immutable'],
      ['/pagefind/fragment/en_115d8b8.pf_fragment', 'application/octet-stream', 'public, max-age=31536000, immutable'],
      ['/pagefind/filter/en_1.pf_filter', 'application/octet-stream', 'public, max-age=31536000, immutable'],
    ];
    for (const [file, mediaType, cache] of kinds) expect(pagefindOutputOf(file), file).toMatchObject({ mediaType, cache });
    expect(pagefindOutputs()).toHaveLength(kinds.length);
  });

  it('knows no other file, and no file outside the bundle', () => {
    for (const file of ['/pagefind/pagefind-ui.js', '/pagefind/index/a/b.pf_index', '/pagefind/fragment/x.pf_fragment.bak', '/posts/pagefind.js', '/pagefind/pagefindXjs']) {
      expect(pagefindOutputOf(file), file).toBeUndefined();
    }
  });

  it('reads the pages of single and grouped fragments', () => {
    expect(fragmentPages(pagefindFile({ url: '/posts/a/', content: 'x', meta: { title: 'A' } }))).toEqual([{ url: '/posts/a/', title: 'A' }]);
    expect(fragmentPages(pagefindFile({ en_1: { url: '/posts/a/', meta: {} }, en_2: { url: '/b/' } }))).toEqual([{ url: '/posts/a/' }, { url: '/b/' }]);
    expect(() => decodePagefindFile(zlib.gzipSync('{"url":"/x/"}'))).toThrow(/signature/);
    expect(() => decodePagefindFile(Buffer.from('not gzip'))).toThrow();
  });
});

describe('matches worth showing', () => {
  const marks = (...marked: string[]) => marked.map((text) => ({ text, mark: true }));
  it("drops Pagefind's fallback to a short word the query starts with", () => {
    expect(matchesQuery('axolotl', marks('a', 'a'))).toBe(false);
    expect(matchesQuery('archive notes', marks('ar'))).toBe(false);
  });

  it('keeps exact words, stems, words being typed, short queries and CJK', () => {
    expect(matchesQuery('Lanternfish', marks('lanternfish.'))).toBe(true);
    expect(matchesQuery('installation', marks('installing'))).toBe(true);
    expect(matchesQuery('installa', marks('install'))).toBe(true);
    expect(matchesQuery('a', marks('a'))).toBe(true);
    expect(matchesQuery('日本', marks('日本語'))).toBe(true);
    expect(matchesQuery('zebra quokka', marks('quokkaberry'))).toBe(true);
    expect(matchesQuery('anything', [{ text: 'no marks at all', mark: false }])).toBe(true);
  });
});

describe('the output check of the search bundle', () => {
  let content: Content;
  let outDir: string;
  beforeAll(async () => {
    content = await hostileContent();
    // The export of two listed posts, one with and one without the article marker, and an unlisted one.
    outDir = makeContentDir({
      'posts/long-title/index.html': '<article data-pagefind-body><h1>Long</h1></article>',
      'posts/date-only/index.html': '<main><h1>Date only</h1></main>',
      'posts/unlisted/index.html': '<article><h1>Unlisted</h1></article>',
      'pagefind/pagefind.js': '',
      'pagefind/pagefind-entry.json': JSON.stringify({ version: '1.6.0', languages: { en: { hash: 'en_1', wasm: 'en', page_count: 3 } } }),
      'pagefind/pagefind.en_1.pf_meta': pagefindFile({}),
      'pagefind/pagefind-ui.js': '',
      'pagefind/fragment/en_a.pf_fragment': pagefindFile({ url: '/posts/long-title/' }),
      'pagefind/fragment/en_b.pf_fragment': pagefindFile({ en_c: { url: '/posts/date-only/' }, en_d: { url: '/posts/unlisted/' } }),
      'pagefind/fragment/en_e.pf_fragment': 'not gzip',
    });
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('reports unknown file kinds, missing files, unreadable fragments, unindexed entries and pages without the marker', () => {
    const ctx = new CheckContext(outDir, content);
    const listed = checkSearchIndex(ctx);
    const problems = ctx.problems.map((p) => `${p.file}: ${p.message}`);
    expect(problems).toContainEqual(expect.stringMatching(/^pagefind\/pagefind-ui\.js: is a kind of search file with no media type/));
    expect(problems).toContainEqual('pagefind/pagefind-entry.json: names pagefind/wasm.en.pagefind, which is missing');
    expect(problems).toContainEqual(expect.stringMatching(/^pagefind\/fragment\/en_e\.pf_fragment: cannot be read as a Pagefind fragment/));
    expect(problems).toContainEqual('pagefind/: does not index /posts/xml-special/, a listed post');
    expect(problems).toContainEqual('posts/date-only/index.html: has no data-pagefind-body element, so search indexes the whole page');
    expect(problems.some((p) => p.includes('long-title'))).toBe(false);
    // The publication check gets every indexed URL, the unlisted one included, and reports it.
    expect(listed).toEqual(expect.arrayContaining(['/blog/posts/long-title/', '/blog/posts/date-only/', '/blog/posts/unlisted/']));
    checkPublication(ctx, new Map([['pagefind/', listed]]));
    expect(ctx.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^lists \/blog\/posts\/unlisted\/, but posts\/unlisted\.md is unlisted/));
  });
});
