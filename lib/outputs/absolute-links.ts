import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { perContent, type Content, type Entry } from '../content';
import rehypeAbsoluteUrls from '../links/rehype-absolute-urls';
import { rewriteMarkdownUrls } from '../links/remark-absolute-urls';
import { resolveUrl } from '../links/rehype-site-links';
import { absolutize } from '../links/url';
import { absoluteUrl } from '../urls';

// Feed readers ignore xml:base and LLM agents read markdown out of context, so every URL inside
// feed HTML, markdown twins, llms-full.txt and the JSON API is absolute against the page it belongs to.

const htmlProcessor = unified().use(rehypeParse, { fragment: true }).use(rehypeAbsoluteUrls).use(rehypeStringify).freeze();

/** The HTML with every href, src, srcset, poster and cite absolute against `pageUrl`. */
export function absoluteHtml(html: string, pageUrl: string): string {
  return String(htmlProcessor.processSync({ value: html, data: { pageUrl } }));
}

/**
 * An entry's markdown source with the destination of every link, image and link definition (and
 * every URL attribute of raw HTML) made absolute. Content-relative links (`./other.md`, `pic.png`)
 * resolve the way the HTML page resolves them, through the content's one file → URL lookup. Computed
 * once per entry: the twin, llms-full.txt and the JSON API all ask for it.
 */
export function absoluteMarkdown(content: Content, entry: Entry): string {
  const cache = markdownCache(content);
  if (!cache.has(entry)) cache.set(entry, rewrite(content, entry));
  return cache.get(entry)!;
}
const markdownCache = perContent(() => new Map<Entry, string>());

function rewrite(content: Content, entry: Entry): string {
  const { site } = content;
  const pageUrl = absoluteUrl(site, entry.path);
  const context = { file: entry.file, basePath: site.basePath, lookup: content.lookup, pagePath: entry.path, isPublished: content.isPublished };
  return rewriteMarkdownUrls(entry.markdown, (reference) => {
    const resolved = resolveUrl(reference, context);
    return typeof resolved === 'string' ? absolutize(resolved, pageUrl) : reference;
  });
}
