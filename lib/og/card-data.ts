import type { Site } from '../site';

// What a card shows, apart from which cards exist (cards.ts). The renderer and its worker threads
// import only this, not the content pipeline behind cards.ts: a render thread starts in a fraction
// of the time.

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/** Everything a card shows. The renderer reads nothing else, so this (plus the renderer's fingerprint) is the cache key. */
export interface CardData {
  kind: 'post' | 'site';
  siteName: string;
  /** The site's language: it picks the regional glyph forms of Han characters. */
  language: string;
  /** The site's address without scheme, e.g. `example.com/blog`. */
  host: string;
  title: string;
  /** Shown under the title: the site's on the site card, the post's when its title is short. */
  description?: string;
  date?: string;
  readingTime?: string;
  tags: string[];
  colors: Site['ogCard'];
}
