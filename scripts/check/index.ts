import path from 'node:path';
import type { Content } from '@/lib/content';
import { OUTPUTS, outputFiles, outputFilesByOwner, type CheckName } from '@/lib/outputs/registry';
import { absoluteUrl } from '@/lib/urls';
import { CheckContext, type Problem } from './context';
import { checkRobots, checkSecurityTxt, checkSitemap } from './crawlers';
import { checkFeed } from './feeds';
import { checkHtmlPages } from './html';
import { checkJrd, checkManifest, checkPostApi, checkPostsApi, checkSearchIndex, checkTagsApi } from './json';
import { checkLlmsTxt, checkMarkdownFile } from './llms';
import { checkPublication } from './publication';
import { checkRedirectPage } from './redirects';

export type { Problem } from './context';

/** A check of one export file; a listing (feed, sitemap, index) returns the URLs it lists. */
type Check = (ctx: CheckContext, file: string) => string[] | void | Promise<string[] | void>;

/** What each check name of the output table runs. */
const CHECKS: Record<CheckName, Check> = {
  rss: (ctx, file) => checkFeed(ctx, 'rss', file),
  atom: (ctx, file) => checkFeed(ctx, 'atom', file),
  'json-feed': (ctx, file) => checkFeed(ctx, 'json', file),
  sitemap: checkSitemap,
  robots: checkRobots,
  'llms-txt': checkLlmsTxt,
  markdown: checkMarkdownFile,
  'security-txt': checkSecurityTxt,
  'posts-api': checkPostsApi,
  'post-api': checkPostApi,
  'tags-api': checkTagsApi,
  'search-index': checkSearchIndex,
  manifest: checkManifest,
  jrd: checkJrd,
  redirect: checkRedirectPage,
  exists: () => undefined,
};

/** Validates a whole export folder against the content it was built from. */
export async function checkExport(outDir: string, content: Content): Promise<Problem[]> {
  const ctx = new CheckContext(outDir, content);
  const { site } = content;
  const listings = new Map<string, string[]>();

  checkHtmlPages(ctx);
  for (const { row, file } of outputFiles(content)) {
    const name = file.path.slice(1);
    if (!ctx.has(name)) {
      ctx.report(name, row.route ? `is missing (${row.name}, see lib/outputs/registry.ts)` : `is missing (${row.name}, written by scripts/build.ts)`);
      continue;
    }
    for (const check of row.checks) {
      const listed = await CHECKS[check](ctx, name);
      if (listed) listings.set(name, [...(listings.get(name) ?? []), ...listed]);
    }
  }

  // Every page links the site-wide alternates of the table (the feeds); each post and page its own (the twin).
  const siteAlternates = OUTPUTS.filter((row) => row.alternate?.scope === 'site').map((row) => ({ row, href: absoluteUrl(site, row.route!) }));
  const hasAlternate = (file: string, type: string, href: string) => ctx.scan(file).alternates.some((a) => a.type === type && a.href === href);
  const typeOf = (mediaType: string) => mediaType.split(';')[0]!;
  const emitted = new Set(outputFiles(content).map(({ file }) => file.path.slice(1)));
  const pages = ctx.files.filter((f) => f.endsWith('.html') && !f.startsWith('_next/') && !emitted.has(f) && !/^(404|_not-found)(\.html|\/)/.test(f));
  for (const file of pages) {
    for (const { row, href } of siteAlternates) {
      if (!hasAlternate(file, typeOf(row.mediaType), href)) ctx.report(file, `has no <link rel="alternate" type="${typeOf(row.mediaType)}" href="${href}">`, ctx.sourceOf(file));
    }
  }
  const owned = outputFilesByOwner(content);
  for (const entry of [...content.posts, ...content.pages]) {
    const file = `${entry.path.slice(1)}index.html`;
    if (!ctx.has(file)) continue;
    for (const { row, file: output } of owned.get(entry) ?? []) {
      if (row.alternate?.scope !== 'entry') continue;
      const href = absoluteUrl(site, output.path);
      if (!hasAlternate(file, typeOf(row.mediaType), href)) ctx.report(file, `has no <link rel="alternate" type="${typeOf(row.mediaType)}" href="${href}">`, ctx.sourceOf(file));
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
