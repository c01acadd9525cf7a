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
import rehypeImageDimensions from './rehype-image-dimensions';
import rehypeSiteLinks, { type LinkContext, type LinkProblem, type SiteLink } from '../links/rehype-site-links';
import type { TocItem } from './model';
import remarkTemplateSyntax, { type TemplateSyntax } from './remark-template-syntax';

export type { LinkContext, LinkProblem, SiteLink } from '../links/rehype-site-links';

export interface RenderedMarkdown {
  html: string;
  toc: TocItem[];
  /**
   * Plain text for a derived description: the paragraphs before a `<!--more-->` (Hugo's and
   * Jekyll's summary divider) when there is one, else the first paragraph.
   */
  firstParagraph: string;
  words: number;
  readingMinutes: number;
  /** Relative links that point to no content file or asset. */
  brokenLinks: LinkProblem[];
  /** Links to site paths (`/archive/`), checked once every page of the site is known. */
  siteLinks: SiteLink[];
  /** Another generator's template tags outside code (`{{< figure >}}`, `{% include %}`): errors. */
  templateSyntax: TemplateSyntax[];
}

declare module 'vfile' {
  interface DataMap {
    toc: TocItem[];
  }
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
    .use(remarkTemplateSyntax)
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
    .use(rehypeImageDimensions)
    .use(rehypeSiteLinks)
    .use(rehypeExternalLinks, { rel: ['noopener'] })
    .use(rehypeShikiFromHighlighter, highlighter, {
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: 'light',
      lazy: true,
      fallbackLanguage: 'text',
      // Shiki stops tokenizing a line after 500 ms by default, which a loaded build machine can hit
      // while it compiles a grammar's first regexes: the same file would then highlight differently
      // from build to build. No limit keeps the output a function of the content.
      tokenizeTimeLimit: 0,
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

  // A divider with nothing before it divides nothing.
  const divider = mdast.children.findIndex((node) => node.type === 'html' && /^<!--\s*more\s*-->$/i.test(node.value.trim()));
  const before = divider > 0 ? mdast.children.slice(0, divider).filter((node) => node.type === 'paragraph') : [];
  const summary = before.length ? before : mdast.children.filter((node) => node.type === 'paragraph').slice(0, 1);
  const text = mdastToString(mdast);
  const stats = readingTime(text);
  return {
    html,
    toc: file.data.toc ?? [],
    firstParagraph: summary.map((node) => mdastToString(node)).join(' ').replace(/\s+/g, ' ').trim(),
    words: stats.words,
    readingMinutes: Math.max(1, Math.round(stats.minutes)),
    brokenLinks: file.data.brokenLinks ?? [],
    siteLinks: file.data.siteLinks ?? [],
    templateSyntax: file.data.templateSyntax ?? [],
  };
}
