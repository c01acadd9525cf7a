import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Asset } from './model';
import type { RenderedMarkdown } from './markdown';
import { publicFiles } from './site-paths';

/** A file's HTML and what goes with it, and its markdown with every URL absolute. */
export type Rendering = RenderedMarkdown & { absoluteMarkdown: string };

// Rendering markdown (shiki above all) is most of loading the content. A file's rendering depends
// only on its text, its path, its page's URL, the URLs of every built entry and co-located file
// (relative links resolve against them) and the images it shows (their sizes go into the HTML), so
// those are its key: its own co-located files and public/ by size and modification time. `next dev` and a webhook reload then
// render the edited files only, and `npm run build` keeps the renderings of unchanged files from
// one build to the next in a file (saved with the code's hash: other code, other renderings).

interface Memo {
  renderings: Map<string, Rendering>;
  /** Renderings were added or dropped since the memo was read or saved. */
  unsaved: boolean;
}
const MEMO = Symbol.for('mdsite.render-memo');
const slot = globalThis as typeof globalThis & { [MEMO]?: Memo };
// On globalThis because each route bundle has its own copy of this module.
const state = () => (slot[MEMO] ??= { renderings: new Map(), unsaved: false });
const memo = () => state().renderings;

/**
 * `next dev` runs changed renderer code in the same process: there the modification times of the
 * code under lib/ join the key, so a changed plugin renders every file again.
 */
function devCodeVersion(): string {
  if (process.env.NODE_ENV !== 'development') return '';
  const times: number[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else times.push(fs.statSync(full).mtimeMs);
    }
  };
  try {
    walk(path.join(process.cwd(), 'lib'));
  } catch {
    return String(Date.now()); // no lib/ to look at: never reuse
  }
  return times.join(',');
}

/**
 * What every file's links and images resolve against (the site's URL, the path of each built entry
 * and its co-located files, the files of public/ with their sizes and times), and the code.
 */
export function linkWorld(siteUrl: string, basePath: string, entries: { file: string; path: string; assets: Asset[] }[], publicDir: string): string {
  const hash = createHash('sha256').update(`${devCodeVersion()}\n${siteUrl}\n${basePath}`);
  for (const { file, path: sitePath, assets } of entries) hash.update(`\n${file}\t${sitePath}\t${assets.map((a) => a.name).join('\t')}`);
  for (const sitePath of publicFiles(publicDir)) {
    const { size, mtimeMs } = fs.statSync(path.join(publicDir, sitePath));
    hash.update(`\npublic${sitePath}\t${size}:${mtimeMs}`);
  }
  return hash.digest('base64url');
}

/** One file's key: the world, its path, its page's URL, its markdown and its own co-located files' stamps. */
export const renderKey = (world: string, file: string, pagePath: string, markdown: string, assets: Asset[]) =>
  createHash('sha256')
    .update(`${world}\n${file}\n${pagePath}\n${assets.map((a) => `${a.name}\t${a.stamp}`).join('\n')}\n`)
    .update(markdown)
    .digest('base64url');

/**
 * The rendering under `key`, or `render()`'s, remembered. Renderings are shared between loads:
 * callers copy what they change.
 */
export async function memoizedRender(key: string, render: () => Promise<Rendering>): Promise<Rendering> {
  const known = memo().get(key);
  if (known) return known;
  const rendered = await render();
  memo().set(key, rendered);
  state().unsaved = true;
  return rendered;
}

/** Whether a rendering is remembered under `key`. */
export const hasRendering = (key: string) => memo().has(key);

/** Remembers renderings made elsewhere (the build's render threads). */
export function rememberRenderings(renderings: Map<string, Rendering>): void {
  for (const [key, rendering] of renderings) memo().set(key, rendering);
  if (renderings.size) state().unsaved = true;
}

/** Forgets every rendering but those of the last load, so edits do not pile up old versions. */
export function keepRenderings(keys: Set<string>): void {
  for (const key of memo().keys()) {
    if (!keys.has(key)) {
      memo().delete(key);
      state().unsaved = true;
    }
  }
}

interface MemoFile {
  code: string;
  renderings: [string, Rendering][];
}

/** Starts from the renderings a build of the same code saved; anything else starts empty. */
export function readRenderMemo(file: string, code: string): number {
  let saved: MemoFile | undefined;
  try {
    saved = v8.deserialize(fs.readFileSync(file)) as MemoFile;
  } catch {
    return 0; // none yet, or unreadable: render everything
  }
  if (saved.code !== code || !Array.isArray(saved.renderings)) return 0;
  slot[MEMO] = { renderings: new Map(saved.renderings), unsaved: false };
  return memo().size;
}

/**
 * Saves the renderings (written beside and renamed: a crash never leaves half a file, and two
 * processes saving at once each rename a whole file of their own).
 */
export function writeRenderMemo(file: string, code: string): void {
  const data: MemoFile = { code, renderings: [...memo()] };
  const temporary = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(temporary, v8.serialize(data));
  fs.renameSync(temporary, file);
  state().unsaved = false;
}

/** The memo `next dev` keeps between its processes and its restarts. */
const devRenderMemoFile = () => path.join(process.cwd(), '.cache/dev/renderings.v8');

/**
 * The keys carry the version of the code under lib/; what they do not see, the installed packages
 * (shiki's grammars and themes) and Node, makes this memo's code: an install starts it afresh.
 */
function devMemoCode(): string {
  const stamp = (file: string) => {
    try {
      const { size, mtimeMs } = fs.statSync(path.join(process.cwd(), file));
      return `${size}@${mtimeMs}`;
    } catch {
      return 'none';
    }
  };
  return `dev ${process.version} ${stamp('package-lock.json')} ${stamp('node_modules/.package-lock.json')}`;
}

/**
 * `next dev` loads the content in two processes on its first page (the one that lists the static
 * params, then the one that renders) and again after each restart: the first to render a file saves
 * it here, and the others start from it.
 */
export function readDevRenderMemo(file = devRenderMemoFile()): void {
  if (memo().size === 0) readRenderMemo(file, devMemoCode());
}

/** Saves `next dev`'s renderings when a load changed them. A failed save only costs renders later. */
export function saveDevRenderMemo(file = devRenderMemoFile()): void {
  if (!state().unsaved) return;
  try {
    writeRenderMemo(file, devMemoCode());
  } catch (error) {
    console.warn(`Could not save the markdown renderings to ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
