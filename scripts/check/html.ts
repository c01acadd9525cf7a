import { Parser } from 'htmlparser2';
import { parseSrcset } from '@/lib/links/url';
import { byText } from './memo';
import type { CheckContext } from './context';

const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ['href'], link: ['href'], img: ['src', 'srcset'], source: ['src', 'srcset'], script: ['src'],
  video: ['src', 'poster'], audio: ['src'], iframe: ['src'], track: ['src'], embed: ['src'], object: ['data'],
};
// Hints to other origins, not references to files.
const SKIPPED_LINK_RELS = /\b(preconnect|dns-prefetch)\b/;

export interface HtmlScan {
  /** Every URL in a URL attribute (srcset split into its candidates). */
  references: string[];
  canonical?: string;
  alternates: { type: string; href: string }[];
}

/** The URL references of an HTML document or fragment. */
export const scanHtml = byText('html-scan', (html: string): HtmlScan => {
  const scan: HtmlScan = { references: [], alternates: [] };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'link' && SKIPPED_LINK_RELS.test(attributes.rel ?? '')) return;
        if (name === 'link' && attributes.rel === 'canonical') scan.canonical = attributes.href;
        if (name === 'link' && attributes.rel === 'alternate' && attributes.type && attributes.href) {
          scan.alternates.push({ type: attributes.type, href: attributes.href });
        }
        for (const attribute of URL_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (value === undefined) continue;
          if (attribute === 'srcset') scan.references.push(...parseSrcset(value).map((c) => c.url));
          else scan.references.push(value.trim());
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return scan;
});

/** Internal links, images and assets of every HTML page resolve to files in the export. */
export function checkHtmlPages(ctx: CheckContext): void {
  for (const file of ctx.files.filter((f) => f.endsWith('.html'))) {
    const scan = ctx.scan(file);
    ctx.checkReferences(file, scan.references, ctx.urlOf(file));
  }
}
