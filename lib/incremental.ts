// An incremental export regenerates only some entries' and tags' files (see scripts/incremental.ts).
// `npm run build` names them in a file; the entry, tag and output routes read it in Next's workers
// and give generateStaticParams only those. Of the other lists, the numbered home pages and the site
// feed's archives that show none of the changes are named as kept; everything else (home, archive,
// subscription feeds, sitemap, llms files, …) is always generated.
import fs from 'node:fs';
import type { Entry } from './content/model';
import { tagOfPath } from './paths';

/** Environment variable naming the JSON file of `kind:slug` and `tag:<slug>` keys to regenerate; unset means all. */
export const REGENERATE_ENV = 'MDSITE_REGENERATE';

export const entryKey = (entry: Pick<Entry, 'kind' | 'slug'>) => `${entry.kind}:${entry.slug}`;

let selection: { file: string; keys: Set<string> } | undefined;

function selected(): Set<string> | undefined {
  const file = process.env[REGENERATE_ENV];
  if (!file) return undefined;
  if (selection?.file !== file) selection = { file, keys: new Set(JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) };
  return selection.keys;
}

/** Whether this build writes the entry's own files: always, except in an incremental export. */
export function isRegenerated(entry: Pick<Entry, 'kind' | 'slug'>): boolean {
  return selected()?.has(entryKey(entry)) ?? true;
}

/** A tag's key: its pages, feeds, feed archives and markdown twins go together. */
export const tagKey = (tagSlug: string) => `tag:${tagSlug}`;

/** Whether this build writes a tag's files: always, except in an incremental export that leaves the tag as it was. */
export function isTagRegenerated(tagSlug: string): boolean {
  return selected()?.has(tagKey(tagSlug)) ?? true;
}

const KEEP = 'keep:';

/**
 * A list page or file an incremental export keeps from the last one (`keep:/page/7/`, `keep:/page/7.md`,
 * `keep:/feeds/archive/3/rss.xml`): a page path ends in "/", and its folder is kept whole.
 */
export const keptListKey = (sitePath: string) => `${KEEP}${sitePath}`;

/** The site path a `keep:` key names; undefined for other keys. */
export const keptListPath = (key: string) => (key.startsWith(KEEP) ? key.slice(KEEP.length) : undefined);

/** Whether this build leaves a list page or file as the last export wrote it. */
export function isListKept(sitePath: string): boolean {
  return selected()?.has(keptListKey(sitePath)) ?? false;
}

/**
 * Whether this build writes a file of the output table: always, except in an incremental export
 * that keeps it (the file of an unchanged entry, of an untouched tag, or a list file shown unchanged).
 */
export function isOutputFileRegenerated(file: { path: string; entry?: Pick<Entry, 'kind' | 'slug'> }): boolean {
  if (file.entry && !isRegenerated(file.entry)) return false;
  const tag = tagOfPath(file.path);
  return (tag === undefined || isTagRegenerated(tag)) && !isListKept(file.path);
}
