import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Font, FontWeight } from 'satori';

// Fonts and emoji for the cards, read from npm packages in node_modules at render time, so a build
// never needs the network. Fontsource splits each face into subset files by Unicode range
// (`unicode.json`); a card loads only the subsets its text needs, which keeps the CJK faces cheap.

export interface FontFamily {
  /** The family name satori knows the face by. */
  name: string;
  /** The Fontsource package that holds it. */
  pkg: string;
  /** File-name prefix of its subsets: `<prefix>-<subset>-<weight>-normal.woff`. */
  prefix: string;
}

export const LATIN: FontFamily = { name: 'Inter', pkg: '@fontsource/inter', prefix: 'inter' };
export const JAPANESE: FontFamily = { name: 'Noto Sans JP', pkg: '@fontsource/noto-sans-jp', prefix: 'noto-sans-jp' };
export const CHINESE: FontFamily = { name: 'Noto Sans SC', pkg: '@fontsource/noto-sans-sc', prefix: 'noto-sans-sc' };
export const KOREAN: FontFamily = { name: 'Noto Sans KR', pkg: '@fontsource/noto-sans-kr', prefix: 'noto-sans-kr' };
export const EMOJI_PACKAGE = '@twemoji/svg';

/** Weights the template uses; CJK faces get the nearest of these. */
export const WEIGHTS = [400, 700, 800] as const satisfies FontWeight[];

/**
 * Fallback order per language satori detects. Han characters exist in all three CJK faces with
 * regional glyph forms, so the detected language picks the face that draws them the local way.
 */
const FALLBACKS: Record<string, FontFamily[]> = {
  'ja-JP': [JAPANESE, CHINESE, KOREAN],
  'zh-CN': [CHINESE, JAPANESE, KOREAN],
  'zh-TW': [CHINESE, JAPANESE, KOREAN],
  'zh-HK': [CHINESE, JAPANESE, KOREAN],
  'ko-KR': [KOREAN, JAPANESE, CHINESE],
};
const DEFAULT_FALLBACK = [LATIN, JAPANESE, CHINESE, KOREAN];

/** Every package whose files end up in a card; their versions are part of the cache key. */
export const ASSET_PACKAGES = [LATIN.pkg, JAPANESE.pkg, CHINESE.pkg, KOREAN.pkg, EMOJI_PACKAGE];

/**
 * Where to look for packages: above this module (source runs: the build script, tests, from any
 * folder), then above the working directory (a bundle may sit where node_modules is not above it).
 */
function searchRoots(): string[] {
  const roots = [process.cwd()];
  try {
    roots.unshift(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // not a file: URL (a bundle may rewrite it): the working directory alone
  }
  return roots;
}

/**
 * The package's folder, found the way Node finds a package: `node_modules/<pkg>` in the folder or
 * one above it. A plain file lookup rather than require.resolve, which bundlers try to follow at
 * build time (and warn about for packages without an entry point, like the emoji files).
 */
function findPackage(from: string, pkg: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', pkg);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const packageDirs = new Map<string, string>();

/** A package's folder, resolved once per process: every font file a card needs goes through here. */
export function packageDir(pkg: string): string {
  let dir = packageDirs.get(pkg);
  if (dir) return dir;
  for (const root of searchRoots()) {
    dir = findPackage(root, pkg);
    if (dir) break;
  }
  if (!dir) throw new Error(`Open Graph cards need the npm package "${pkg}" in node_modules: run npm install.`);
  packageDirs.set(pkg, dir);
  return dir;
}

interface Subset {
  name: string;
  ranges: [number, number][];
}

function parseRanges(unicodeRange: string): [number, number][] {
  return unicodeRange.split(',').map((part) => {
    const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-') as [string, string?];
    return [parseInt(from, 16), parseInt(to, 16)];
  });
}

const inRanges = (subset: Subset, codePoint: number) => subset.ranges.some(([from, to]) => codePoint >= from && codePoint <= to);

const subsetCache = new Map<string, Subset[]>();

function subsets(family: FontFamily): Subset[] {
  let list = subsetCache.get(family.pkg);
  if (!list) {
    const file = path.join(packageDir(family.pkg), 'unicode.json');
    const table = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    list = Object.entries(table).map(([key, range]) => ({ name: key.replace(/^\[(\d+)\]$/, '$1'), ranges: parseRanges(range) }));
    subsetCache.set(family.pkg, list);
  }
  return list;
}

/** The subset of a family whose Unicode range holds a code point. */
export function subsetFor(family: FontFamily, codePoint: number): string | undefined {
  return subsets(family).find((s) => inRanges(s, codePoint))?.name;
}

const fileCache = new Map<string, Buffer>();

function readCached(file: string): Buffer {
  let data = fileCache.get(file);
  if (!data) {
    data = fs.readFileSync(file);
    fileCache.set(file, data);
  }
  return data;
}

const fontCache = new Map<string, Font[]>();

/**
 * The WOFF files of one subset, one per weight (satori reads TTF, OTF and WOFF). Cached per thread:
 * satori keeps the fonts it parsed by the identity of their data, so handing it the same objects
 * again costs nothing.
 */
export function subsetFonts(family: FontFamily, subset: string, lang?: string): Font[] {
  const key = `${family.pkg}/${subset}/${lang ?? ''}`;
  let fonts = fontCache.get(key);
  if (!fonts) {
    fonts = WEIGHTS.map((weight) => ({
      // A subset holds only part of the face, and satori keeps one font per name and weight: each
      // subset gets its own name so they all take part in glyph fallback.
      name: `${family.name} ${subset}`,
      weight,
      style: 'normal' as const,
      data: readCached(path.join(packageDir(family.pkg), 'files', `${family.prefix}-${subset}-${weight}-normal.woff`)),
      ...(lang ? { lang } : {}),
    }));
    fontCache.set(key, fonts);
  }
  return fonts;
}

/** Twemoji's file name for an emoji: code points in hex, without U+FE0F unless it joins a ZWJ sequence. */
export function twemojiName(emoji: string): string {
  const text = emoji.includes('\u200d') ? emoji : emoji.replace(/\ufe0f/g, '');
  return [...text].map((c) => c.codePointAt(0)!.toString(16)).join('-');
}

/** satori's hook for glyphs the loaded fonts lack: a font list for text, a data URI for an emoji. */
export type AssetLoader = (code: string, segment: string) => Promise<string | Font[]>;

export interface CardFonts {
  /** Fonts satori always gets: the Latin face. */
  base: Font[];
  /**
   * satori's `loadAdditionalAsset` for one render: CJK and other subsets, emoji pictures. Characters
   * (or emoji) no shipped file has are pushed to `missing`: they would render as boxes or not at all.
   */
  assetLoader(missing: string[]): AssetLoader;
}

const isInvisible = (char: string) => /^[\s\p{Cc}\p{Cf}]$/u.test(char);

/** A font source for card renders. Keep one per process or thread: its files and fonts are loaded once. */
export function createCardFonts(): CardFonts {
  const emojiDir = packageDir(EMOJI_PACKAGE);
  // satori asks again for every card that shows an emoji: the picture is read and encoded once.
  const emojiUris = new Map<string, string | undefined>();

  function emoji(segment: string): string | undefined {
    if (!emojiUris.has(segment)) {
      const candidates = [twemojiName(segment), [...segment.replace(/\ufe0f/g, '')].map((c) => c.codePointAt(0)!.toString(16)).join('-')];
      const file = candidates.map((name) => path.join(emojiDir, `${name}.svg`)).find((f) => fs.existsSync(f));
      emojiUris.set(segment, file && `data:image/svg+xml;base64,${fs.readFileSync(file).toString('base64')}`);
    }
    return emojiUris.get(segment);
  }

  function text(code: string, segment: string, missing: string[]): Font[] {
    // Han characters come as "ja-JP|zh-CN|zh-TW|zh-HK": satori's first guess leads.
    const locale = code.split('|')[0]!;
    const families = FALLBACKS[locale] ?? DEFAULT_FALLBACK;
    const lang = FALLBACKS[locale] ? locale : undefined;
    const wanted = new Map<string, { family: FontFamily; subset: string }>();
    for (const char of new Set(segment)) {
      if (isInvisible(char)) continue;
      const codePoint = char.codePointAt(0)!;
      const found = families.map((family) => ({ family, subset: subsetFor(family, codePoint) })).find((f) => f.subset);
      if (!found?.subset) missing.push(char);
      else wanted.set(`${found.family.pkg}/${found.subset}`, { family: found.family, subset: found.subset });
    }
    return [...wanted.values()].flatMap(({ family, subset }) => subsetFonts(family, subset, lang));
  }

  return {
    base: subsetFonts(LATIN, 'latin'),
    assetLoader: (missing) => async (code, segment) => {
      if (code !== 'emoji') return text(code, segment, missing);
      const uri = emoji(segment);
      if (!uri) missing.push(segment);
      return uri ?? '';
    },
  };
}
