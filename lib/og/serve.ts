import { cardKey, ogCacheDir, readCachedCard, writeCachedCard } from './cache';
import type { CardData } from './cards';
import { createCardFonts, type CardFonts } from './fonts';

// What the card row of the output table answers. `npm run build` fills the cache first
// (prerender.ts), so during the export this only reads files; dev, server mode and a bare
// `next build` render on a miss.

let fonts: CardFonts | undefined;

/** The PNG of a card, from the cache or freshly rendered into it. */
export async function cardPng(card: CardData, dir = ogCacheDir()): Promise<Buffer> {
  const key = cardKey(card);
  const cached = readCachedCard(dir, key);
  if (cached) return cached;
  // Loaded on a miss only: a build whose cards are all cached never starts satori.
  const { renderCard } = await import('./render');
  fonts ??= createCardFonts();
  const png = await renderCard(card, fonts);
  writeCachedCard(dir, key, png);
  console.log(`Open Graph card rendered on demand (not in ${dir}): ${card.title}`);
  return png;
}
