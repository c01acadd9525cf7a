import { rewriteMarkdownUrls } from './remark-absolute-urls';
import { resolveUrl, type LinkContext } from './rehype-site-links';
import { absolutize } from './url';

/**
 * Markdown source with the destination of every link, image and link definition (and every URL
 * attribute of raw HTML) absolute against `pageUrl`. Content-relative links (`./other.md`, `pic.png`)
 * resolve the way the HTML page resolves them, through the same link context.
 */
export function absoluteMarkdownSource(markdown: string, context: LinkContext, pageUrl: string): string {
  return rewriteMarkdownUrls(markdown, (reference) => {
    const resolved = resolveUrl(reference, context);
    return typeof resolved === 'string' ? absolutize(resolved, pageUrl) : reference;
  });
}
