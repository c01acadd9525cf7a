import type { Content } from '../content';
import { cardKey, ogCacheDir, readCachedCard, writeCachedCard } from './cache';
import { cardSegments, findCard, ogCards, type CardData } from './cards';
import { createCardFonts, type CardFonts } from './fonts';

// What the route app/og/[...card] answers. `npm run build` fills the cache first (prerender.ts), so
// during the export this only reads files; dev, server mode and a bare `next build` render on a miss.

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

export const cardParams = (content: Content) => ogCards(content).map((card) => ({ card: cardSegments(card) }));

export async function cardResponse(content: Content, segments: string[]): Promise<Response> {
  const card = findCard(ogCards(content), segments);
  if (!card) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(await cardPng(card.data)), { headers: { 'Content-Type': 'image/png' } });
}
