import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as pagefind from 'pagefind';
import type { Content, Entry } from '../content';
import { searchBundlePath } from '../paths';

// Full-text search for the export: Pagefind indexes the exported HTML of every listed post and page
// after `next build` and writes a chunked index beside it, which the search box loads piece by piece.

/** One kind of file in the Pagefind bundle, with what a host must send for it. */
export interface PagefindOutput {
  name: string;
  /** Site path pattern (without base path); `*` stands for one path segment or part of one. */
  pattern: string;
  mediaType: string;
  cache: string;
}

const BUNDLE = searchBundlePath();
const BINARY = 'application/octet-stream';
const HOUR = 'public, max-age=3600';
const REVALIDATE = 'public, max-age=0, must-revalidate';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Every kind of file the search index step writes under /pagefind/. Files named by a content hash
 * never change and are cached for a year; the entry file names the current hashes, so it is
 * revalidated on every load. The `.pagefind` and `.pf_*` files are gzip data that Pagefind's script
 * decompresses itself: hosts must send them as they are (a transparent `Content-Encoding` is fine).
 */
export function pagefindOutputs(): PagefindOutput[] {
  return [
    { name: 'search script', pattern: `${BUNDLE}pagefind.js`, mediaType: 'text/javascript; charset=utf-8', cache: HOUR },
    { name: 'search worker', pattern: `${BUNDLE}pagefind-worker.js`, mediaType: 'text/javascript; charset=utf-8', cache: HOUR },
    { name: 'search entry', pattern: `${BUNDLE}pagefind-entry.json`, mediaType: 'application/json; charset=utf-8', cache: REVALIDATE },
    { name: 'search engine (WebAssembly, gzip)', pattern: `${BUNDLE}wasm.*.pagefind`, mediaType: BINARY, cache: HOUR },
    { name: 'search metadata', pattern: `${BUNDLE}pagefind.*.pf_meta`, mediaType: BINARY, cache: IMMUTABLE },
    { name: 'search index chunks', pattern: `${BUNDLE}index/*.pf_index`, mediaType: BINARY, cache: IMMUTABLE },
    { name: 'search page fragments', pattern: `${BUNDLE}fragment/*.pf_fragment`, mediaType: BINARY, cache: IMMUTABLE },
    { name: 'search filter chunks', pattern: `${BUNDLE}filter/*.pf_filter`, mediaType: BINARY, cache: IMMUTABLE },
  ];
}

const patternRegExp = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`);
const OUTPUT_PATTERNS = pagefindOutputs().map((output) => ({ output, regexp: patternRegExp(output.pattern) }));

/** The row of pagefindOutputs() a site path belongs to, if any. */
export function pagefindOutputOf(sitePath: string): PagefindOutput | undefined {
  return OUTPUT_PATTERNS.find(({ regexp }) => regexp.test(sitePath))?.output;
}

// Pagefind's data files are gzip streams of this signature followed by the payload.
const SIGNATURE = 'pagefind_dcd';

/** The payload of a `.pf_*` file, or an error naming what is wrong with it. */
export function decodePagefindFile(bytes: Uint8Array): Buffer {
  const data = zlib.gunzipSync(bytes);
  if (data.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) throw new Error(`does not start with the "${SIGNATURE}" signature`);
  return data.subarray(SIGNATURE.length);
}

/** The pages (site paths and titles) one fragment file describes: one page, or a group of them. */
export function fragmentPages(bytes: Uint8Array): { url: string; title?: string }[] {
  const json = JSON.parse(decodePagefindFile(bytes).toString('utf8')) as unknown;
  const isFragment = (value: unknown): value is { url: string; meta?: { title?: string } } =>
    typeof value === 'object' && value !== null && typeof (value as { url?: unknown }).url === 'string';
  const fragments = isFragment(json) ? [json] : Object.values(json as object).filter(isFragment);
  return fragments.map((f) => ({ url: f.url, ...(f.meta?.title ? { title: f.meta.title } : {}) }));
}

// Pagefind also writes its ready-made interfaces; the search box uses only the JS API.
const UNUSED_BUNDLE_FILE = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

/** The pages search finds: listed posts and pages (unlisted, noindex and list pages stay out). */
export const searchablePages = (content: Content): Entry[] => [...content.listedPosts, ...content.listedPages];

export interface SearchIndexSummary {
  pages: number;
  files: number;
  bytes: number;
}

/** Pages sent to Pagefind before waiting for its answers: enough to keep it busy, bounded memory. */
const ADDS_IN_FLIGHT = 64;

/**
 * A page without its `<script>` elements, which Pagefind does not index: Next's inline payload
 * scripts are about two thirds of a page's bytes, and each page is copied to Pagefind's process.
 * (Inside a script, `</script>` cannot occur: HTML would end the element there.)
 */
export const withoutScripts = (html: string) => html.replace(/<script(?=[\s/>])[^>]*>[\s\S]*?<\/script\s*>/gi, '');

/**
 * Indexes the exported HTML of every searchable page (only the part marked `data-pagefind-body`)
 * and writes the bundle to `<outDir>/pagefind/`. Result URLs are site paths: the script adds the
 * base path it was loaded from, so the same index works under any `BASE_PATH`.
 */
export async function writeSearchIndex(outDir: string, content: Content): Promise<SearchIndexSummary> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const pages = searchablePages(content);
    // Added in the content's order: Pagefind numbers pages as they come, so the same site must give
    // the same bundle, byte for byte (an incremental export is compared with a cold one). Its service
    // handles requests one by one in the order they arrive, so up to ADDS_IN_FLIGHT are sent ahead
    // without waiting for each answer (at 10,000 posts: half the time, the same bundle).
    const added: { file: string; errors: string[] }[] = [];
    const inFlight: Promise<void>[] = [];
    for (const entry of pages) {
      const file = `${entry.path.slice(1)}index.html`;
      const html = withoutScripts(await fs.promises.readFile(path.join(outDir, file), 'utf8'));
      inFlight.push(index.addHTMLFile({ url: entry.path, content: html }).then((result) => void added.push({ file, errors: result.errors })));
      if (inFlight.length >= ADDS_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const failed = added.filter((a) => a.errors.length);
    if (failed.length) throw new Error(`Pagefind refused ${failed.map((f) => `${f.file}: ${f.errors.join('; ')}`).join(', ')}`);

    const written = await index.getFiles();
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    const bundleDir = path.join(outDir, BUNDLE);
    let bytes = 0;
    let files = 0;
    for (const { path: name, content: body } of written.files) {
      if (UNUSED_BUNDLE_FILE.test(name)) continue;
      const target = path.join(bundleDir, name);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, body);
      bytes += body.byteLength;
      files += 1;
    }
    return { pages: pages.length, files, bytes };
  } finally {
    await pagefind.close();
  }
}
