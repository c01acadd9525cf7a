import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import rehypeAbsoluteUrls from '../links/rehype-absolute-urls';

// Feed readers ignore xml:base and LLM agents read markdown out of context, so every URL inside
// feed HTML, markdown twins, llms-full.txt and the JSON API is absolute against the page it belongs to.

const htmlProcessor = unified().use(rehypeParse, { fragment: true }).use(rehypeAbsoluteUrls).use(rehypeStringify).freeze();

/** The HTML with every href, src, srcset, poster and cite absolute against `pageUrl`. */
export function absoluteHtml(html: string, pageUrl: string): string {
  return String(htmlProcessor.processSync({ value: html, data: { pageUrl } }));
}
