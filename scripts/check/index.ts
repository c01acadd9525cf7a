import { hostFiles } from '@/lib/outputs/host-files';
import path from 'node:path';
import type { Content } from '@/lib/content';
import { outputFiles } from '@/lib/outputs/registry';
import { feedFile, twinPath, type FeedFormat } from '@/lib/outputs/paths';
import { absoluteUrl } from '@/lib/urls';
import { CheckContext, type Problem } from './context';
import { checkRobots, checkSecurityTxt, checkSitemap } from './crawlers';
import { checkFeed } from './feeds';
import { checkHtmlPages } from './html';
import { checkJson } from './json';
import { checkLlmsTxt, checkMarkdownFiles } from './llms';
import { checkPublication } from './publication';
import { checkSearchIndex } from './search';

export type { Problem } from './context';

/** Files the export must have besides the outputs: static-host configuration. */

/** Validates a whole export folder against the content it was built from. */
export async function checkExport(outDir: string, content: Content): Promise<Problem[]> {
  const ctx = new CheckContext(outDir, content);
  const { site } = content;
  const listings = new Map<string, string[]>();

  for (const { format, file } of outputFiles(content)) {
    if (!ctx.has(file.path.slice(1))) ctx.report(file.path.slice(1), `is missing (${format.name}, see lib/outputs/registry.ts)`);
  }
  for (const { name } of hostFiles(content)) if (!ctx.has(name)) ctx.report(name, 'is missing (written by scripts/build.ts)');

  checkHtmlPages(ctx);
  checkMarkdownFiles(ctx);

  const feedFormats: FeedFormat[] = ['rss', 'atom', 'json'];
  for (const file of ctx.files) {
    const format = feedFormats.find((f) => file === feedFile(f) || new RegExp(`^tags/[^/]+/${feedFile(f).replace('.', '\\.')}$`).test(file));
    if (format) listings.set(file, checkFeed(ctx, format, file));
  }
  listings.set('sitemap.xml', await checkSitemap(ctx));
  checkRobots(ctx);
  listings.set('llms.txt', checkLlmsTxt(ctx));
  checkSecurityTxt(ctx);

  const json = checkJson(ctx);
  const posts = (json['api/posts.json'] as { posts: { url: string; markdownUrl: string; image: string | null }[] } | undefined)?.posts ?? [];
  listings.set('api/posts.json', posts.flatMap((p) => [p.url, p.markdownUrl]));
  ctx.checkReferences('api/posts.json', posts.flatMap((p) => [p.url, p.markdownUrl, ...(p.image ? [p.image] : [])]), ctx.urlOf('api/posts.json'));
  listings.set('pagefind/', checkSearchIndex(ctx));

  // Every page links the site feed; every post and page links its markdown twin.
  const rss = absoluteUrl(site, '/rss.xml');
  for (const file of ctx.files.filter((f) => f.endsWith('.html') && !f.startsWith('_next/') && !/^(404|_not-found)(\.html|\/)/.test(f))) {
    const alternates = ctx.scan(file).alternates;
    if (!alternates.some((a) => a.type === 'application/rss+xml' && a.href === rss)) ctx.report(file, `has no <link rel="alternate" type="application/rss+xml" href="${rss}">`, ctx.sourceOf(file));
  }
  for (const entry of [...content.posts, ...content.pages]) {
    const file = `${entry.path.slice(1)}index.html`;
    const twin = absoluteUrl(site, twinPath(entry));
    if (ctx.has(file) && !ctx.scan(file).alternates.some((a) => a.type === 'text/markdown' && a.href === twin)) {
      ctx.report(file, `has no <link rel="alternate" type="text/markdown" href="${twin}">`, ctx.sourceOf(file));
    }
  }

  checkPublication(ctx, listings);
  return ctx.problems;
}

/** The problems as a report grouped by export file, each pointing at its content file when known. */
export function formatReport(problems: Problem[], outDir: string): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const lines = [`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${byFile.size} file${byFile.size === 1 ? '' : 's'} of ${path.relative(process.cwd(), outDir) || '.'}/:`];
  for (const [file, list] of byFile) {
    lines.push(`  ${file}`);
    for (const p of list) lines.push(`    - ${p.message.replace(/\n/g, '\n      ')}${p.source ? `\n      source: ${p.source}` : ''}`);
  }
  return lines.join('\n');
}
