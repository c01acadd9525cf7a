// An incremental export regenerates only some entries' and tags' files (see scripts/incremental.ts).
// `npm run build` names them in a file; the entry, tag and output routes read it in Next's workers
// and give generateStaticParams only those. Other lists (home, archive, site feeds, …) are always
// generated.
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

/** Whether this build writes a file of the output table as far as tags go: every file outside a tag's folder. */
export function isTagFileRegenerated(sitePath: string): boolean {
  const tag = tagOfPath(sitePath);
  return tag === undefined || isTagRegenerated(tag);
}
