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
