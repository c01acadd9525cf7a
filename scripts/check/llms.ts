import type { Definition, Image, Link, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { hasScheme } from '@/lib/links/url';
import { LLMS_MAX_CHARS } from '@/lib/outputs/llms';
import { isAbsoluteUrl, type CheckContext } from './context';
import { byText } from './memo';

const LINK_LINE = /^- \[([^\]]+)\]\(([^)\s]+)\)(: .+)?$/;

/**
 * llms.txt has the llmstxt.org shape: `# title`, an optional `> summary`, prose without headings,
 * then `## section` blocks of `- [name](url): notes` lines only, with absolute URLs that resolve,
 * and under LLMS_MAX_CHARS (so are its section files, once it is split). Returns the URLs it links to.
 */
export function checkLlmsTxt(ctx: CheckContext, file: string): string[] {
  const text = ctx.read(file);
  if (text.length >= LLMS_MAX_CHARS) ctx.report(file, `has ${text.length} characters; agents read at most ${LLMS_MAX_CHARS} (lib/outputs/llms.ts splits past that)`);
  const lines = text.split('\n');
  const links: string[] = [];
  if (!/^# \S/.test(lines[0] ?? '')) ctx.report(file, 'line 1 must be the "# Site title" heading');
  let section: string | undefined;
  for (const [i, line] of lines.entries()) {
    if (i === 0 || line.trim() === '') continue;
    const where = `line ${i + 1}`;
    if (line.startsWith('## ')) {
      section = line.slice(3);
      continue;
    }
    if (/^#/.test(line)) ctx.report(file, `${where}: only "# title" and "## section" headings are allowed ("${line}")`);
    else if (section === undefined) {
      if (line.startsWith('>') && lines.slice(1, i).some((l) => l.trim() && !l.startsWith('>'))) ctx.report(file, `${where}: the "> summary" must come right after the title`);
    } else {
      const match = LINK_LINE.exec(line);
      if (!match) ctx.report(file, `${where} in "## ${section}" is not a "- [name](url): notes" line: "${line}"`);
      else links.push(match[2]!);
    }
  }
  for (const url of links) if (!isAbsoluteUrl(url)) ctx.report(file, `link ${url} is not absolute`);
  ctx.checkReferences(file, links, ctx.urlOf(file));
  return links;
}

// CommonMark is enough: GFM adds tables, footnotes and bare-URL links, and a bare URL is absolute by
// nature; links inside table cells parse the same either way.
const markdown = unified().use(remarkParse);

/** Link and image destinations of a markdown document. */
export const markdownReferences = byText('markdown-references', (text: string): string[] => {
  const references: string[] = [];
  visit(markdown.parse(text) as Root, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') references.push((node as Link | Image | Definition).url);
  });
  return references;
});

/** Internal links of a markdown file (a twin, llms-full.txt) resolve, and they are all absolute. */
export function checkMarkdownFile(ctx: CheckContext, file: string): void {
  const references = markdownReferences(ctx.read(file)).filter((r) => r && !r.startsWith('#'));
  for (const ref of references.filter((r) => !hasScheme(r))) {
    ctx.report(file, `relative link "${ref}" (markdown read out of context needs absolute URLs)`, ctx.sourceOf(file));
  }
  ctx.checkReferences(file, references, ctx.urlOf(file));
}
