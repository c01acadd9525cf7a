import fs from 'node:fs';
import path from 'node:path';
import { decodePath, hasScheme } from '../links/url';
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

/** Every file under `dir` (public/), as site paths: `/images/a.png`. */
export function publicFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? publicFiles(path.join(dir, d.name), `${prefix}/${d.name}`) : [`${prefix}/${d.name}`],
  );
}

/**
 * The file on disk behind a reference as written in the content file `fromFile`: a co-located file
 * by its content-relative path (`pic.png`, `../other/pic.png`), or a site path (`/images/a.png`)
 * under `publicDir`. Undefined for URLs and for what is not there.
 */
export function localFileLookup(entries: { file: string; assets: Asset[] }[], publicDir: string): (src: string, fromFile: string) => string | undefined {
  const sources = new Map<string, string>();
  for (const entry of entries) for (const asset of entry.assets) sources.set(`${path.posix.dirname(entry.file)}/${asset.name}`, asset.source);
  return (src, fromFile) => {
    if (hasScheme(src) || src.startsWith('//')) return undefined;
    const decoded = decodePath(/^[^?#]*/.exec(src)![0]);
    if (!decoded) return undefined;
    if (decoded.startsWith('/')) {
      const file = path.join(publicDir, decoded);
      return file.startsWith(`${publicDir}${path.sep}`) && fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : undefined;
    }
    return sources.get(path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), decoded)));
  };
}
