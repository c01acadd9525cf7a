import fs from 'node:fs';
import path from 'node:path';
import { searchBundlePath } from '@/lib/paths';
import { fragmentPages, pagefindOutputOf, searchablePages } from '@/lib/search/pagefind';
import { absoluteUrl, withBase } from '@/lib/urls';
import type { CheckContext } from './context';

const BUNDLE = searchBundlePath().slice(1);

/**
 * The full-text search bundle: every file is of a kind pagefindOutputs() gives a media type, the
 * script and the files its entry names are there, and the index holds exactly the searchable pages.
 * Returns the URLs the index lists (with the base path), for the publication check.
 */
export function checkSearchIndex(ctx: CheckContext): string[] {
  const { site } = ctx.content;
  const bundle = ctx.files.filter((f) => f.startsWith(BUNDLE));
  for (const file of bundle) {
    if (!pagefindOutputOf(`/${file}`)) ctx.report(file, 'is a kind of search file with no media type: add it to pagefindOutputs() in lib/search/pagefind.ts');
  }
  for (const file of [`${BUNDLE}pagefind.js`, `${BUNDLE}pagefind-entry.json`]) {
    if (!ctx.has(file)) ctx.report(file, 'is missing (the search index step of scripts/build.ts writes it)');
  }
  if (ctx.has(`${BUNDLE}pagefind-entry.json`)) {
    const entry = JSON.parse(ctx.read(`${BUNDLE}pagefind-entry.json`)) as { languages?: Record<string, { hash: string; wasm?: string }> };
    for (const language of Object.values(entry.languages ?? {})) {
      for (const file of [`${BUNDLE}pagefind.${language.hash}.pf_meta`, ...(language.wasm ? [`${BUNDLE}wasm.${language.wasm}.pagefind`] : [])]) {
        if (!ctx.has(file)) ctx.report(`${BUNDLE}pagefind-entry.json`, `names ${file}, which is missing`);
      }
    }
  }

  const indexed = new Map<string, string>();
  for (const file of bundle.filter((f) => f.endsWith('.pf_fragment'))) {
    try {
      for (const page of fragmentPages(fs.readFileSync(path.join(ctx.outDir, file)))) {
        const url = withBase(site, page.url);
        indexed.set(url, file);
        ctx.checkReferences(file, [url], ctx.urlOf(file));
      }
    } catch (error) {
      ctx.report(file, `cannot be read as a Pagefind fragment: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const entry of searchablePages(ctx.content)) {
    const source = ctx.sourceOf(absoluteUrl(site, entry.path));
    if (!indexed.has(withBase(site, entry.path))) ctx.report(BUNDLE, `does not index ${entry.path}, a listed ${entry.kind}`, source);
    // Without the marker Pagefind indexes the whole page, navigation and lists included.
    const page = `${entry.path.slice(1)}index.html`;
    if (ctx.has(page) && !ctx.read(page).includes('data-pagefind-body')) ctx.report(page, 'has no data-pagefind-body element, so search indexes the whole page', source);
  }
  return [...indexed.keys()];
}
