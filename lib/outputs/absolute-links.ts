import type { Element, Root as HastRoot } from 'hast';
import type { Definition, Image, Link, Root as MdastRoot } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Content, Entry } from '../content';
import { sitePathLookup } from '../content/site-paths';
import { resolveUrl } from '../content/markdown';
import { absoluteUrl } from '../urls';

// Feed readers ignore xml:base and LLM agents read markdown out of context, so every URL inside
// feed HTML and markdown twins is made absolute against the page it belongs to.

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** An absolute URL for a reference found in the page at `pageUrl` (mailto:, https: … stay as they are). */
export function absolutize(reference: string, pageUrl: string): string {
  if (HAS_SCHEME.test(reference)) return reference;
  try {
    return new URL(reference, pageUrl).href;
  } catch {
    return reference;
  }
}

const srcsetToAbsolute = (srcset: string, pageUrl: string) =>
  srcset
    .split(',')
    .map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      return [absolutize(url, pageUrl), ...descriptor].join(' ');
    })
    .join(', ');

const htmlProcessor = unified()
  .use(rehypeParse, { fragment: true })
  .use(() => (tree: HastRoot, file) => {
    const pageUrl = String(file.data.pageUrl);
    visit(tree, 'element', (node: Element) => {
      for (const name of ['href', 'src', 'poster', 'cite'] as const) {
        const value = node.properties[name];
        if (typeof value === 'string' && value !== '') node.properties[name] = absolutize(value, pageUrl);
      }
      const srcset = node.properties.srcSet;
      if (srcset !== undefined && srcset !== null) {
        const text = Array.isArray(srcset) ? srcset.join(', ') : String(srcset);
        node.properties.srcSet = srcsetToAbsolute(text, pageUrl);
      }
    });
  })
  .use(rehypeStringify);

declare module 'vfile' {
  interface DataMap {
    pageUrl: string;
  }
}

/** The HTML with every href, src, srcset and poster absolute against `pageUrl`. */
export function absoluteHtml(html: string, pageUrl: string): string {
  return String(htmlProcessor.processSync({ value: html, data: { pageUrl } }));
}

// One lookup per loaded content, not one per twin: llms-full.txt asks for every entry's twin.
const lookups = new WeakMap<Content, (contentFile: string) => string | undefined>();
function lookupFor(content: Content) {
  let lookup = lookups.get(content);
  if (!lookup) lookups.set(content, (lookup = sitePathLookup([...content.posts, ...content.pages])));
  return lookup;
}

const markdownParser = unified().use(remarkParse).use(remarkGfm);
// The destination in `](dest "title")` or `]: dest "title"`: `<…>` or a run without spaces.
const HTML_URL_ATTRIBUTE = /\b(href|src|poster|srcset)\s*=\s*(["'])(.*?)\2/gi;
const DESTINATION = /^\s*(<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))+)/;

/**
 * The markdown source with the destination of every link, image and link definition made absolute,
 * leaving everything else byte for byte as written. Content-relative links (`./other.md`,
 * `pic.png`) resolve the way the HTML page resolves them.
 */
export function absoluteMarkdown(markdown: string, entry: Entry, content: Content): string {
  const { site } = content;
  const pageUrl = absoluteUrl(site, entry.path);
  const lookup = lookupFor(content);
  const tree = markdownParser.parse(markdown) as MdastRoot;
  const edits: { start: number; end: number; text: string }[] = [];

  const toAbsolute = (reference: string) => {
    const resolved = resolveUrl(reference, { file: entry.file, basePath: site.basePath, lookup });
    return typeof resolved === 'string' ? absolutize(resolved, pageUrl) : reference;
  };

  visit(tree, (node) => {
    // Raw HTML in the markdown: rewrite its URL attributes in place.
    if (node.type === 'html' && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
      const { start, end } = { start: node.position.start.offset, end: node.position.end.offset };
      const html = markdown.slice(start, end).replace(HTML_URL_ATTRIBUTE, (whole, name: string, quote: string, value: string) => {
        const rewritten = name.toLowerCase() === 'srcset'
          ? value.split(',').map((c) => c.trim().split(/\s+/)).map(([u = '', ...d]) => [toAbsolute(u), ...d].join(' ')).join(', ')
          : value.startsWith('#') ? value : toAbsolute(value);
        return `${whole.slice(0, whole.indexOf('=') + 1)}${quote}${rewritten}${quote}`;
      });
      edits.push({ start, end, text: html });
      return;
    }
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const { position } = node as Link | Image | Definition;
    if (position?.start.offset === undefined || position.end.offset === undefined) return;
    const source = markdown.slice(position.start.offset, position.end.offset);
    // Inline links end in `](dest)`; definitions read `[label]: dest`. Autolinks (`<https://…>`) are absolute.
    const opener = node.type === 'definition' ? source.indexOf(']:') : source.lastIndexOf('](');
    if (opener < 0) return;
    const match = DESTINATION.exec(source.slice(opener + 2));
    if (!match?.[1]) return;
    const raw = match[1];
    const bare = raw.startsWith('<') ? raw.slice(1, -1) : raw;
    const absolute = toAbsolute(bare);
    if (absolute === bare) return;
    const start = position.start.offset + opener + 2 + match[0].length - raw.length;
    edits.push({ start, end: start + raw.length, text: raw.startsWith('<') || /\s/.test(absolute) ? `<${absolute}>` : absolute });
  });

  let result = markdown;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}
