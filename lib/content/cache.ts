// The content of one build, loaded and rendered once by `npm run build` and handed to Next's build
// workers as a file, so each worker reads it instead of parsing and highlighting every post again.
// node:v8's structured serialization keeps the Dates of the entries as Dates and is fast at size.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Site } from '../site';
import type { Entry } from './model';

/** Environment variable naming the cache file; only `npm run build` sets it, for its `next build`. */
export const CONTENT_CACHE_ENV = 'MDSITE_CONTENT_CACHE';

const FORMAT = 3;

interface CacheFile {
  format: number;
  contentRoot: string;
  /** The publication rule's "now": workers must decide like the process that rendered the entries. */
  buildDate: string;
  /** Paths, sizes and mtimes of the content files the entries came from. */
  fingerprint: string;
  entries: Entry[];
}

/** Paths, sizes and modification times of every file under the content folder: cheap, and any edit changes it. */
export function contentFingerprint(root: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full);
      // A dangling link has no size or mtime; the loader reports it.
      else if (!fs.existsSync(full)) parts.push(`${path.relative(root, full)}:missing`);
      else {
        const stat = fs.statSync(full);
        parts.push(`${path.relative(root, full)}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(root);
  return parts.join('|');
}

export function writeContentCache(file: string, site: Site, entries: Entry[]): void {
  const data: CacheFile = {
    format: FORMAT,
    contentRoot: site.contentRoot,
    buildDate: site.buildDate.toISOString(),
    fingerprint: contentFingerprint(site.contentRoot),
    entries,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written beside and renamed, so a worker never reads half a file.
  fs.writeFileSync(`${file}.tmp`, v8.serialize(data));
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * The cached entries when the file exists and was written for this content folder, this build date
 * and the content files as they are now; otherwise undefined, and the caller loads the content itself.
 */
export function readContentCache(file: string, site: Site): Entry[] | undefined {
  let data: CacheFile;
  try {
    data = v8.deserialize(fs.readFileSync(file)) as CacheFile;
  } catch {
    return undefined;
  }
  const valid =
    data?.format === FORMAT &&
    data.contentRoot === site.contentRoot &&
    data.buildDate === site.buildDate.toISOString() &&
    data.fingerprint === contentFingerprint(site.contentRoot);
  return valid ? data.entries : undefined;
}

/**
 * In `npm run build`'s Next.js workers (the processes that read this cache): after each full
 * collection V8 lets the heap grow to up to four times what survived before collecting again, and
 * Next.js removes `--max-old-space-size` from its workers. At 10,000 posts a static-generation worker
 * holds ~420 MB of live objects and grew past 1.2 GB. Growing by at most 30% over what survived
 * collects more often: at 1,000 posts each worker peaks at about half the memory for ~5% more time.
 * The flag is read at every collection, so setting it in a running process takes effect.
 */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=30');
}
