import { isListed, isPublic, type Entry } from '@/lib/content';
import { PLACEHOLDER_PARAM } from '@/lib/static-params';
import { absoluteUrl, withBase } from '@/lib/urls';
import type { CheckContext } from './context';
import { postApiPath, twinPath } from '@/lib/paths';

const TEXT_FILE = /\.(html|txt|xml|json|md|webmanifest)$|^_headers$|^\.well-known\//;
const LIST_PAGE = /^(index\.html|page\/\d+\/index\.html|archive\/index\.html|tags\/(.+\/)?index\.html)$/;

const describe = (e: Entry) => (!isPublic(e) ? (e.draft ? 'draft' : 'future-dated') : 'unlisted');

/**
 * Drafts and future entries appear nowhere (no file, no URL in any file); unlisted entries appear
 * in no list: feeds, sitemap, llms.txt, JSON indexes and list pages. `listings` maps each listing
 * output file to the URLs it lists.
 */
export function checkPublication(ctx: CheckContext, listings: Map<string, string[]>): void {
  const { site } = ctx.content;
  const hidden = ctx.content.all.filter((e) => !isPublic(e));
  const source = (e: Entry) => ctx.sourceOf(absoluteUrl(site, e.path)) ?? e.file;

  for (const entry of hidden) {
    for (const file of [`${entry.path.slice(1)}index.html`, twinPath(entry).slice(1), postApiPath(entry.slug).slice(1)]) {
      if (ctx.has(file) && (entry.kind === 'post' || !file.startsWith('api/'))) ctx.report(file, `exists, but ${entry.file} is a ${describe(entry)} entry`, source(entry));
    }
  }
  const needles = hidden.flatMap((e) => [withBase(site, e.path), withBase(site, twinPath(e))].map((needle) => ({ needle, entry: e })));
  for (const file of ctx.files.filter((f) => TEXT_FILE.test(f) && !f.startsWith('_next/'))) {
    const body = ctx.read(file);
    for (const { needle, entry } of needles) {
      if (body.includes(needle)) ctx.report(file, `mentions ${needle}, the URL of ${describe(entry)} ${entry.file}`, source(entry));
    }
    if (body.includes(`/${PLACEHOLDER_PARAM}`)) ctx.report(file, `mentions a "${PLACEHOLDER_PARAM}" placeholder path (an empty list's stand-in that must not be linked)`);
  }
  for (const file of ctx.files) {
    if (file.split('/').some((s) => s === PLACEHOLDER_PARAM || s.startsWith(`${PLACEHOLDER_PARAM}.`))) ctx.report(file, 'is a placeholder the build should have removed');
  }

  const notListed = new Map<string, Entry>();
  for (const e of ctx.content.all.filter((e) => !isListed(e))) {
    for (const p of [e.path, twinPath(e)]) {
      notListed.set(absoluteUrl(site, p), e);
      notListed.set(withBase(site, p), e);
    }
  }
  for (const file of ctx.files.filter((f) => LIST_PAGE.test(f))) {
    listings.set(file, [...(listings.get(file) ?? []), ...ctx.scan(file).references.filter((r) => !r.startsWith('#'))]);
  }
  for (const [file, urls] of listings) {
    for (const url of new Set(urls)) {
      const entry = notListed.get(url.replace(/#.*$/, ''));
      if (entry) ctx.report(file, `lists ${url}, but ${entry.file} is ${describe(entry)}`, source(entry));
    }
  }
}
