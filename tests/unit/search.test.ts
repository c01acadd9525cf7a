import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { excerptParts, matchesQuery } from '@/lib/search/excerpt';
import { decodePagefindFile, fragmentPages, pagefindOutputOf, pagefindOutputs } from '@/lib/search/pagefind';

const pagefindFile = (payload: unknown) => zlib.gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from(JSON.stringify(payload))]));

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
