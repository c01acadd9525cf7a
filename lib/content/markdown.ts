import path from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { toString as mdastToString } from 'mdast-util-to-string';
import readingTime from 'reading-time';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeRaw from 'rehype-raw';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeShikiFromHighlighter from '@shikijs/rehype/core';
import { createHighlighter, type HighlighterGeneric } from 'shiki';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import type { TocItem } from './model';

/** How relative links of one file are resolved; set per file on `vfile.data`. */
export interface LinkContext {
  /** The file's path relative to the content folder, e.g. `posts/hello.md`. */
  file: string;
  basePath: string;
  /** Site path (without base path) of a content-relative file: a `.md` entry or a co-located asset. */
  lookup(contentRelativeFile: string): string | undefined;
}

export interface LinkProblem {
  url: string;
  /** The content-relative file the link names, e.g. `posts/other.md`. */
  target: string;
  line?: number;
  column?: number;
}

export interface RenderedMarkdown {
  html: string;
  toc: TocItem[];
  /** Plain text of the first paragraph, for a derived description. */
  firstParagraph: string;
  words: number;
  readingMinutes: number;
  /** Relative links that point to no content file or asset. */
  brokenLinks: LinkProblem[];
}

declare module 'vfile' {
  interface DataMap {
    linkContext: LinkContext;
    toc: TocItem[];
    brokenLinks: LinkProblem[];
  }
}

const URL_ATTRIBUTES = ['href', 'src', 'poster'] as const;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Rewrites site-relative and content-relative URLs (see LinkContext) to final site URLs. */
function rehypeSiteLinks() {
  return (tree: HastRoot, file: VFile) => {
    const context = file.data.linkContext;
    if (!context) return;
    const broken: LinkProblem[] = (file.data.brokenLinks = []);
    visit(tree, 'element', (node: Element) => {
      for (const attribute of URL_ATTRIBUTES) {
        const value = node.properties[attribute];
        if (typeof value !== 'string' || value === '') continue;
        const resolved = resolveUrl(value, context);
        if (typeof resolved === 'string') node.properties[attribute] = resolved;
        else broken.push({ url: value, target: resolved.missing, line: node.position?.start.line, column: node.position?.start.column });
      }
    });
  };
}

/** The final URL, or the content-relative file a relative link names when nothing is there. */
export function resolveUrl(url: string, context: LinkContext): string | { missing: string } {
  if (HAS_SCHEME.test(url) || url.startsWith('//') || url.startsWith('#') || url.startsWith('?')) return url;
  if (url.startsWith('/')) return `${context.basePath}${url}`;
  const [, target = '', suffix = ''] = /^([^?#]*)(.*)$/.exec(url) ?? [];
  const contentFile = path.posix.normalize(path.posix.join(path.posix.dirname(context.file), decodeURI(target)));
  // A folder post may be linked by its folder (`./hello/`) as well as by `./hello/index.md`.
  const sitePath = context.lookup(contentFile) ?? context.lookup(`${contentFile.replace(/\/$/, '')}/index.md`);
  return sitePath === undefined ? { missing: contentFile } : `${context.basePath}${sitePath}${suffix}`;
}

/** Collects h2 and h3 headings (after rehype-slug gave them ids) for the table of contents. */
function rehypeCollectToc() {
  return (tree: HastRoot, file: VFile) => {
    const toc: TocItem[] = (file.data.toc = []);
    visit(tree, 'element', (node: Element) => {
      const { id } = node.properties;
      if ((node.tagName === 'h2' || node.tagName === 'h3') && typeof id === 'string' && id !== 'footnote-label') {
        toc.push({ depth: node.tagName === 'h2' ? 2 : 3, id, text: hastToString(node).trim() });
      }
    });
  };
}

type Highlighter = HighlighterGeneric<string, string>;

async function createProcessor() {
  const highlighter = (await createHighlighter({
    themes: ['github-light', 'github-dark'],
    langs: ['ts', 'tsx', 'js', 'json', 'bash', 'shell', 'yaml', 'md', 'css', 'html', 'diff', 'sql', 'toml', 'ini', 'nginx'],
  })) as Highlighter;
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSlug)
    .use(rehypeCollectToc)
    .use(rehypeAutolinkHeadings, {
      behavior: 'append',
      test: (node: Element) => node.properties.id !== 'footnote-label',
      properties: { className: ['heading-anchor'], ariaHidden: 'true', tabIndex: -1 },
      content: { type: 'text', value: '#' },
    })
    .use(rehypeSiteLinks)
    .use(rehypeExternalLinks, { rel: ['noopener'] })
    .use(rehypeShikiFromHighlighter, highlighter, {
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: 'light',
      lazy: true,
      fallbackLanguage: 'text',
    })
    .use(rehypeStringify);
}

let processor: ReturnType<typeof createProcessor> | undefined;

/** Renders one markdown body to HTML. Pure apart from the shared, lazily created highlighter. */
export async function renderMarkdown(markdown: string, linkContext: LinkContext): Promise<RenderedMarkdown> {
  processor ??= createProcessor();
  const run = await processor;
  const mdast = run.parse(markdown);
  const file = new VFile({ value: markdown, data: { linkContext } });
  const hast = await run.run(mdast, file);
  const html = run.stringify(hast, file);

  const firstParagraph = mdast.children.find((node) => node.type === 'paragraph');
  const text = mdastToString(mdast);
  const stats = readingTime(text);
  return {
    html,
    toc: file.data.toc ?? [],
    firstParagraph: firstParagraph ? mdastToString(firstParagraph).replace(/\s+/g, ' ').trim() : '',
    words: stats.words,
    readingMinutes: Math.max(1, Math.round(stats.minutes)),
    brokenLinks: file.data.brokenLinks ?? [],
  };
}
