import { describe, expect, it } from 'vitest';
import { MARKDOWN_ACCEPT_PATTERN, MARKDOWN_NAMED_PATTERN, MARKDOWN_REFUSED_PATTERN, prefersMarkdown } from '@/lib/negotiate';
import { twinOfPagePath } from '@/lib/paths';

// [Accept header, markdown wanted]
const CASES: [string | undefined, boolean][] = [
  [undefined, false],
  ['', false],
  ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', false], // Chromium
  ['*/*', false],
  ['text/*', false],
  ['text/markdown', true],
  ['TEXT/Markdown', true],
  ['text/markdown, text/html;q=0.9, */*;q=0.8', true],
  ['text/markdown, text/html, */*', true], // equal quality: the client named markdown
  ['text/markdown;q=0', false],
  ['text/markdown; q=0.000, text/html', false],
  ['text/markdown;q=0.001', true],
  ['text/html;q=0.5, text/markdown;q=0.8', true],
  ['text/markdown;charset=utf-8;q=0.9, text/plain', true],
  ['text/markdown;q=1.5', false], // not a qvalue
  ['application/json, text/markdown;q=0.1', true], // HTML not acceptable at all
];

// Where the single regular expression of host rules cannot compare qualities.
const REGEX_DIFFERS = new Set(['text/markdown;q=0.5, text/html', 'text/html;q=0.9, text/markdown;q=0.5']);

describe('markdown negotiation', () => {
  it.each(CASES)('Accept %j → markdown %s', (accept, wanted) => {
    expect(prefersMarkdown(accept)).toBe(wanted);
  });

  it('prefers HTML when the client ranks it above markdown', () => {
    for (const accept of REGEX_DIFFERS) expect(prefersMarkdown(accept)).toBe(false);
  });

  it('the host-rule patterns agree with it wherever one pattern can decide', () => {
    const pcre = new RegExp(MARKDOWN_ACCEPT_PATTERN, 'i');
    const named = new RegExp(MARKDOWN_NAMED_PATTERN, 'i');
    const refused = new RegExp(MARKDOWN_REFUSED_PATTERN, 'i');
    for (const [accept = '', wanted] of CASES) {
      if (accept === 'text/markdown;q=1.5') continue; // an invalid header: hosts may read it either way
      expect(pcre.test(accept), accept).toBe(wanted);
      expect(named.test(accept) && !refused.test(accept), accept).toBe(wanted);
    }
    for (const accept of REGEX_DIFFERS) expect(pcre.test(accept)).toBe(true);
  });

  it('maps a page path to its twin', () => {
    expect(twinOfPagePath('/')).toBe('/index.md');
    expect(twinOfPagePath('/posts/hello/')).toBe('/posts/hello.md');
    expect(twinOfPagePath('/tags/web-dev/')).toBe('/tags/web-dev.md');
    expect(twinOfPagePath('/page/2/')).toBe('/page/2.md');
  });
});
