import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CardData } from './card-data';
import { ASSET_PACKAGES, packageDir } from './fonts';

// A content-addressed store of rendered cards: `<key>.png`, where the key hashes what the card shows
// and what draws it. It lives outside .next/ and out/, which every build deletes, so unchanged cards
// are never rendered twice.

/** The cache folder: OG_CACHE_DIR, or `.cache/og` in the project. */
export function ogCacheDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.OG_CACHE_DIR || '.cache/og');
}

/**
 * Raise when cards should be drawn again for a reason the template hash cannot see (a change of the
 * fonts' subset tables, of a package's behaviour within one version…).
 */
export const RENDERER_VERSION = 2;
const RENDERER_PACKAGES = ['satori', '@resvg/resvg-js', 'sharp', ...ASSET_PACKAGES];

/** OG_TEMPLATE_HASH: fixed at build time (template-hash.ts), written into route bundles by next.config.ts. */
function templateHashOfBuild(): string {
  const hash = process.env.OG_TEMPLATE_HASH;
  if (!hash) {
    throw new Error(
      'Open Graph cache: OG_TEMPLATE_HASH is not set. next.config.ts sets it for Next.js builds and the pre-render sets it for itself; elsewhere call ensureTemplateHash() from lib/og/template-hash first.',
    );
  }
  return hash;
}

let fingerprint: string | undefined;

/** What draws a card: the renderer version, the template hash and the versions of the packages used. */
export function rendererFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(`v${RENDERER_VERSION}\0${templateHashOfBuild()}\0`);
  for (const pkg of RENDERER_PACKAGES) {
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDir(pkg), 'package.json'), 'utf8')) as { version: string };
    hash.update(`${pkg}@${version}\0`);
  }
  fingerprint = hash.digest('hex');
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
