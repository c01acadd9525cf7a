// Pagefind's excerpts are HTML: the page text with `<` and `>` escaped and the matched words
// wrapped in <mark>. The search box renders them as text, never as HTML, so a page whose text looks
// like markup cannot inject any.

export interface ExcerptPart {
  text: string;
  /** A word the query matched. */
  mark: boolean;
}

// Pagefind escapes only these two (an `&` in the page text stays as it is).
const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** Splits an excerpt into plain and matched runs of text; any other tag is dropped. */
export function excerptParts(html: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  for (const [index, chunk] of html.split(/<mark>(.*?)<\/mark>/s).entries()) {
    const text = decode(chunk.replace(/<[^>]*>/g, ''));
    if (text) parts.push({ text, mark: index % 2 === 1 });
  }
  return parts;
}

const words = (text: string) => text.toLocaleLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const sharedPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
};

/**
 * False when Pagefind only matched a short word the query merely starts with: for a word in no
 * page it falls back to the longest indexed prefix, so "axolotl" would find every page with "a".
 * A matched word must share its first three characters (or the whole of a shorter query word)
 * with a query word; stems ("install" for "installing") and words still being typed pass.
 */
export function matchesQuery(query: string, parts: ExcerptPart[]): boolean {
  const marked = parts.filter((p) => p.mark).flatMap((p) => words(p.text));
  if (!marked.length) return true;
  const terms = words(query);
  return marked.some((word) => terms.some((term) => sharedPrefix(word, term) >= Math.min(3, term.length)));
}
