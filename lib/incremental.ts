// An incremental export regenerates only some entries' files (see scripts/incremental.ts). `npm run
// build` names them in a file; the entry routes and the output routes read it in Next's workers and
// give generateStaticParams only those entries. Lists (home, tags, feeds, …) are always generated.
import fs from 'node:fs';
import type { Entry } from './content/model';

/** Environment variable naming the JSON file of `kind:slug` keys to regenerate; unset means every entry. */
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
