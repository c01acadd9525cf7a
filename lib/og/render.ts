import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import sharp from 'sharp';
import { OG_HEIGHT, OG_WIDTH, type CardData } from './card-data';
import type { CardFonts } from './fonts';
import { cardBackdrop, cardElement } from './template';

// Parallelism comes from the pre-render's threads; libvips' own threads and cache would only add
// contention and memory on top.
sharp.concurrency(1);
sharp.cache(false);

export interface RenderedCard {
  png: Buffer;
  /** Characters (or emoji) of the card's text no shipped font or emoji file draws. */
  missing: string[];
}

/** satori's SVG with the backdrop drawn first, inside its root element. */
function withBackdrop(svg: string, backdrop: string): string {
  const open = /^<svg[^>]*>/.exec(svg);
  if (!open) throw new Error(`Open Graph card: satori returned no <svg> root (got "${svg.slice(0, 40)}…")`);
  return `${open[0]}${backdrop}${svg.slice(open[0].length)}`;
}

/**
 * One card as a 1200×630 PNG: satori lays the text out as SVG (glyphs as paths), resvg rasterises it,
 * sharp encodes the PNG (about a third of the time of resvg's own encoder, which filters every row
 * and compresses harder for a few kilobytes less).
 */
export async function renderCard(card: CardData, fonts: CardFonts): Promise<RenderedCard> {
  const missing: string[] = [];
  const text = await satori(cardElement(card), {
    width: OG_WIDTH,
    height: OG_HEIGHT,
    fonts: fonts.base,
    loadAdditionalAsset: fonts.assetLoader(missing),
  });
  // Text is already paths, so resvg needs no system fonts (which would make output machine-dependent).
  const svg = withBackdrop(text, cardBackdrop(card.colors));
  const { pixels } = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  // The backdrop is opaque, so every pixel is: RGB without alpha is the same picture, a quarter smaller.
  const png = await sharp(pixels, { raw: { width: OG_WIDTH, height: OG_HEIGHT, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 3, adaptiveFiltering: false })
    .toBuffer();
  return { png, missing };
}
