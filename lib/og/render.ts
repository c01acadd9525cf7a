import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { OG_HEIGHT, OG_WIDTH, type CardData } from './cards';
import type { CardFonts } from './fonts';
import { cardElement } from './template';

/** One card as a 1200×630 PNG: satori lays it out as SVG (text as paths), resvg rasterises it. */
export async function renderCard(card: CardData, fonts: CardFonts): Promise<Buffer> {
  const svg = await satori(cardElement(card), {
    width: OG_WIDTH,
    height: OG_HEIGHT,
    fonts: fonts.base,
    loadAdditionalAsset: fonts.loadAdditionalAsset,
  });
  // Text is already paths, so resvg needs no system fonts (which would make output machine-dependent).
  return new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
}
