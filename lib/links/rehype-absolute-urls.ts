import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { absolutize, rewriteSrcset } from './url';

// Feed readers ignore xml:base, so every URL in feed HTML is made absolute against the page the
// item belongs to (`vfile.data.pageUrl`).

declare module 'vfile' {
  interface DataMap {
    pageUrl: string;
  }
}

/** Attributes that hold one URL, as hast names them (`xLinkHref` is SVG's xlink:href). */
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite', 'data', 'action', 'formAction', 'xLinkHref'] as const;

export default function rehypeAbsoluteUrls() {
  return (tree: Root, file: VFile) => {
    const pageUrl = file.data.pageUrl;
    if (!pageUrl) throw new Error('rehype-absolute-urls needs vfile.data.pageUrl');
    visit(tree, 'element', (node: Element) => {
      for (const name of URL_ATTRIBUTES) {
        const value = node.properties[name];
        if (typeof value === 'string' && value !== '') node.properties[name] = absolutize(value, pageUrl);
      }
      const srcset = node.properties.srcSet;
      if (srcset !== undefined && srcset !== null) {
        const text = Array.isArray(srcset) ? srcset.join(', ') : String(srcset);
        node.properties.srcSet = rewriteSrcset(text, (url) => absolutize(url, pageUrl));
      }
    });
  };
}
