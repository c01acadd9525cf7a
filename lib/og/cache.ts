import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CardData } from './cards';
import { ASSET_PACKAGES, packageDir } from './fonts';

// A content-addressed store of rendered cards: `<key>.png`, where the key hashes what the card shows
// and everything that draws it (this folder's source, the renderer and font package versions). It
// lives outside .next/ and out/, which every build deletes, so unchanged cards are never rendered twice.

/** The cache folder: OG_CACHE_DIR, or `.cache/og` in the project. */
export function ogCacheDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.OG_CACHE_DIR || '.cache/og');
}

/** Source of the card renderer: every file of lib/og (read from the project, as bundles have no source). */
export const RENDERER_SOURCE_DIR = path.join('lib', 'og');
const RENDERER_PACKAGES = ['satori', '@resvg/resvg-js', ...ASSET_PACKAGES];

function computeFingerprint(): string {
  const hash = createHash('sha256');
  const dir = path.resolve(RENDERER_SOURCE_DIR);
  if (!fs.existsSync(dir)) throw new Error(`Open Graph cache: ${dir} not found; run the build from the project folder.`);
  for (const file of fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f)).sort()) {
    hash.update(`${file}\0`).update(fs.readFileSync(path.join(dir, file))).update('\0');
  }
  for (const pkg of RENDERER_PACKAGES) {
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDir(pkg), 'package.json'), 'utf8')) as { version: string };
    hash.update(`${pkg}@${version}\0`);
  }
  return hash.digest('hex');
}

let fingerprint: string | undefined;

/** Hash of the template, renderer and font packages; changes to any of them invalidate every card. */
export function rendererFingerprint(): string {
  if (process.env.NODE_ENV === 'development') return computeFingerprint();
  fingerprint ??= computeFingerprint();
  return fingerprint;
}

/** The cache key of one card. */
export function cardKey(card: CardData, renderer: string = rendererFingerprint()): string {
  return createHash('sha256').update(renderer).update('\0').update(JSON.stringify(card)).digest('hex').slice(0, 32);
}

const cardFile = (dir: string, key: string) => path.join(dir, `${key}.png`);

export function readCachedCard(dir: string, key: string): Buffer | undefined {
  try {
    return fs.readFileSync(cardFile(dir, key));
  } catch {
    return undefined;
  }
}

export const isCached = (dir: string, key: string) => fs.existsSync(cardFile(dir, key));

/** Writes through a temporary file, so a reader never sees half a PNG. */
export function writeCachedCard(dir: string, key: string, png: Buffer): void {
  fs.mkdirSync(dir, { recursive: true });
  const temp = `${cardFile(dir, key)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temp, png);
  fs.renameSync(temp, cardFile(dir, key));
}
