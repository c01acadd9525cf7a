import { cardKey, ogCacheDir, readCachedCard, writeCachedCard } from './cache';
import type { CardData } from './card-data';
import { createCardFonts, type CardFonts } from './fonts';

// A card's PNG for the route app/og/[...card]. `npm run build` fills the cache first (prerender.ts),
// so during the export this only reads files; dev, server mode and a bare `next build` render on a miss.

let fonts: CardFonts | undefined;

/** Renders in progress, by cache file: concurrent requests for a missing card share one render. */
const rendering = new Map<string, Promise<Buffer>>();

async function renderInto(dir: string, key: string, card: CardData): Promise<Buffer> {
  // Loaded on a miss only: a build whose cards are all cached never starts satori.
  const { renderCard } = await import('./render');
  fonts ??= createCardFonts();
  const { png } = await renderCard(card, fonts);
  writeCachedCard(dir, key, png);
  console.log(`Open Graph card rendered on demand (not in ${dir}): ${card.title}`);
  return png;
}

/**
 * The PNG of a card, from the cache or rendered into it. In development the cache is not read: the
 * template hash in its key is fixed when `next dev` starts, and template edits must show at once.
 */
export async function cardPng(card: CardData, dir = ogCacheDir()): Promise<Buffer> {
  const key = cardKey(card);
  if (process.env.NODE_ENV !== 'development') {
    const cached = readCachedCard(dir, key);
    if (cached) return cached;
  }
  const file = `${dir}\0${key}`;
  let pending = rendering.get(file);
  if (!pending) {
    pending = renderInto(dir, key, card).finally(() => rendering.delete(file));
    rendering.set(file, pending);
  }
  return pending;
}
