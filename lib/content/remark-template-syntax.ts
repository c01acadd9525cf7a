import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

// Posts brought from Hugo or Jekyll often still hold their generator's template syntax: shortcodes
// (`{{< figure src="a.png" >}}`), Liquid tags (`{% include note.html %}`, `{% highlight ruby %}`) and
// Liquid variables (`{{ site.baseurl }}`). Markdown has no such thing, so they would be published as
// text. This plugin finds them outside code (where they are examples) so the loader can report each
// with its line and what to write instead.

export interface TemplateSyntax {
  /** The tag as written, shortened to one line. */
  text: string;
  kind: 'hugo-shortcode' | 'liquid-tag' | 'liquid-variable';
  line?: number;
  column?: number;
}

declare module 'vfile' {
  interface DataMap {
    templateSyntax: TemplateSyntax[];
  }
}

const PATTERNS: [TemplateSyntax['kind'], RegExp][] = [
  ['hugo-shortcode', /\{\{[<%][\s\S]{0,400}?[>%]\}\}/g],
  ['liquid-tag', /\{%-?\s*[a-z_]+[\s\S]{0,400}?-?%\}/g],
  // The variables Jekyll sites use in links and images; a bare {{ x }} in prose may be an example.
  ['liquid-variable', /\{\{-?\s*(?:site|page|post|include|layout|jekyll)\.[\s\S]{0,400}?-?\}\}/g],
];

const shorten = (text: string) => {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
};

/**
 * The unified plugin. It scans the source rather than text nodes: `{{<figure src="a.png">}}` parses as
 * text, raw HTML and text again. Code blocks and inline code are skipped.
 */
export default function remarkTemplateSyntax() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const code: [number, number][] = [];
    visit(tree, (node) => {
      if ((node.type === 'code' || node.type === 'inlineCode') && node.position?.start.offset !== undefined) {
        code.push([node.position.start.offset, node.position.end.offset!]);
      }
    });
    const inCode = (offset: number) => code.some(([start, end]) => offset >= start && offset < end);
    // Line starts, to turn an offset into line and column.
    const lineStarts = [0];
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const position = (offset: number) => {
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (lineStarts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: offset - lineStarts[low]! + 1 };
    };
    const found: TemplateSyntax[] = [];
    for (const [kind, pattern] of PATTERNS) {
      for (const match of source.matchAll(pattern)) {
        if (!inCode(match.index)) found.push({ text: shorten(match[0]), kind, ...position(match.index) });
      }
    }
    file.data.templateSyntax = found.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
  };
}

/** What to tell the author about one tag. */
export function templateSyntaxMessage(tag: TemplateSyntax): string {
  const what = {
    'hugo-shortcode': `Hugo shortcode "${tag.text}"`,
    'liquid-tag': `Liquid tag "${tag.text}"`,
    'liquid-variable': `Liquid variable "${tag.text}"`,
  }[tag.kind];
  const instead = {
    'hugo-shortcode': 'write it as markdown (a figure: ![alt](image.png); a link to a post: [text](./other-post.md)) or as HTML',
    'liquid-tag': 'write it as markdown (a code block: ```lang … ```; an include: its content) or as HTML',
    'liquid-variable': 'write the value itself (a site path such as /assets/picture.png, or a relative link to the file)',
  }[tag.kind];
  return `${what} is template syntax of another generator, not markdown, and would be published as text: ${instead}; in a code block it is kept as an example`;
}
