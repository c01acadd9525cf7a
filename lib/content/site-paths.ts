import path from 'node:path';
import { assetPath, twinPath } from '../paths';
import type { Asset } from './model';

/**
 * Site path (without base path) of every file a relative link in the content may name: each built
 * entry by its `.md` file, each co-located file by its path. `posts/a/index.md` → `/posts/a/`,
 * `posts/a/pic.png` → `/posts/a/pic.png`. Markdown rendering and the markdown twins share it.
 */
export function sitePathLookup(entries: { file: string; path: string; assets: Asset[] }[]): (contentFile: string) => string | undefined {
  const paths = new Map<string, string>();
  for (const entry of entries) {
    paths.set(entry.file, entry.path);
    for (const asset of entry.assets) paths.set(`${path.posix.dirname(entry.file)}/${asset.name}`, assetPath(entry, asset.name));
  }
  return (file) => paths.get(file);
}

/** Whether a page or file of the entries is published at a site path: each entry's page, twin and co-located files. */
export function publishedPathSet(entries: { path: string; assets: Asset[] }[]): (sitePath: string) => boolean {
  const paths = new Set(entries.flatMap((e) => [e.path, twinPath(e), ...e.assets.map((a) => assetPath(e, a.name))]));
  return (sitePath) => paths.has(sitePath);
}
