import type { Definition, Html, Image, Link, Nodes, Root } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { rewriteSrcset } from './url';

// Markdown twins and llms files are read out of context, so every link, image and definition
// destination, and every URL attribute of raw HTML, is rewritten to an absolute URL. The rewrite is a
// list of edits to the source at positions found on the syntax tree (micromark's destination tokens,
// parse5's attribute locations), so everything else stays byte for byte as the author wrote it.

/** Replace `source.slice(start, end)` with `text`. */
export interface SourceEdit {
  start: number;
  end: number;
  text: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Rewrites one URL (relative to the page) to its absolute form. */
    rewriteUrl: (url: string) => string;
    sourceEdits: SourceEdit[];
  }
}

interface DestinationData {
  /** Source offsets of the destination as written, `<…>` included. */
  destination?: { start: number; end: number };
}

/** Records where each link, image and definition destination stands in the source. */
function recordDestination(this: CompileContext, token: Token) {
  const node = this.stack[this.stack.length - 1] as Nodes & { data?: DestinationData };
  node.data = { ...node.data, destination: { start: token.start.offset, end: token.end.offset } };
}
const destinationOffsets: FromMarkdownExtension = { exit: { resourceDestination: recordDestination, definitionDestination: recordDestination } };

const HTML_URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'srcset', 'cite', 'data', 'action', 'formaction', 'xlink:href']);

type Parse5Node = DefaultTreeAdapterMap['node'];

/** Edits for the URL attributes of one raw HTML node, whose value starts at `offset` in the source. */
function htmlEdits(html: string, offset: number, rewrite: (url: string) => string): SourceEdit[] {
  const edits: SourceEdit[] = [];
  const walk = (node: Parse5Node) => {
    if ('attrs' in node && node.sourceCodeLocation?.attrs) {
      for (const attr of node.attrs) {
        // parse5 splits SVG's xlink:href into prefix and name; its location is under the full name.
        const name = attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name;
        const location = node.sourceCodeLocation.attrs[name];
        if (!HTML_URL_ATTRIBUTES.has(name) || !location) continue;
        // The value as written: after "=", optional spaces and an optional quote.
        const written = html.slice(location.startOffset, location.endOffset);
        const equals = written.indexOf('=');
        if (equals < 0) continue;
        let start = equals + 1;
        while (/\s/.test(written[start] ?? '')) start++;
        const quoted = written[start] === '"' || written[start] === "'";
        const value = written.slice(quoted ? start + 1 : start, quoted ? written.length - 1 : written.length);
        const rewritten = name === 'srcset' ? rewriteSrcset(value, rewrite) : value.startsWith('#') ? value : rewrite(value);
        if (rewritten === value) continue;
        const valueStart = offset + location.startOffset + (quoted ? start + 1 : start);
        edits.push({ start: valueStart, end: valueStart + value.length, text: rewritten });
      }
    }
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(parseFragment(html, { sourceCodeLocationInfo: true }));
  return edits;
}

/** The unified plugin: collects the source edits that make every URL absolute (`vfile.data.rewriteUrl`). */
export default function remarkAbsoluteUrls(this: Processor) {
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).push([destinationOffsets]);
  return (tree: Root, file: VFile) => {
    const rewrite = file.data.rewriteUrl;
    if (!rewrite) throw new Error('remark-absolute-urls needs vfile.data.rewriteUrl');
    const edits: SourceEdit[] = (file.data.sourceEdits = []);
    visit(tree, (node) => {
      if (node.type === 'html') {
        const start = (node as Html).position?.start.offset;
        if (start !== undefined) edits.push(...htmlEdits((node as Html).value, start, rewrite));
        return;
      }
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
      const { destination } = ((node as Link | Image | Definition).data ?? {}) as DestinationData;
      if (!destination) return;
      const raw = String(file.value).slice(destination.start, destination.end);
      const bracketed = raw.startsWith('<');
      const url = bracketed ? raw.slice(1, -1) : raw;
      const absolute = rewrite(url);
      if (absolute === url) return;
      edits.push({ ...destination, text: bracketed || /\s/.test(absolute) ? `<${absolute}>` : absolute });
    });
  };
}

/** `source` with the edits applied (they never overlap: each is one destination or attribute value). */
export function applyEdits(source: string, edits: SourceEdit[]): string {
  let result = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    result += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + source.slice(at);
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkAbsoluteUrls).freeze();

/** The markdown with every URL passed through `rewriteUrl` (which makes it absolute), the rest as written. */
export function rewriteMarkdownUrls(markdown: string, rewriteUrl: (url: string) => string): string {
  const file = new VFile({ value: markdown, data: { rewriteUrl } });
  processor.runSync(processor.parse(file), file);
  return applyEdits(markdown, file.data.sourceEdits ?? []);
}
