import * as fontkit from 'fontkit';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CardData } from '@/lib/og/cards';
import { createCardFonts, twemojiName, type CardFonts } from '@/lib/og/fonts';
import { renderCard } from '@/lib/og/render';

// Cards are judged as pictures: the PNG is decoded and regions of it are compared by colour.

const colors = { background: '#111418', foreground: '#f2f4f7', muted: '#9aa4b0', accent: '#6cb0ff' };
const card = (title: string, extra: Partial<CardData> = {}): CardData => ({
  kind: 'post',
  siteName: 'mdsite',
  language: 'en',
  host: 'mdsite.example.com',
  title,
  date: 'March 1, 2025',
  readingTime: '3 min read',
  tags: ['Design'],
  colors,
  ...extra,
});

type Rgb = [number, number, number];
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
/** Bands of the layout: the site line at the top, the title block, the date line at the bottom. */
const HEADER: Box = { x: 80, y: 60, w: 1040, h: 70 };
const TITLE: Box = { x: 80, y: 140, w: 1040, h: 365 };
const FOOTER_LEFT: Box = { x: 80, y: 515, w: 520, h: 65 };
const FOOTER_RIGHT: Box = { x: 640, y: 515, w: 480, h: 65 };

const hex = (c: string): Rgb => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as Rgb;

class Picture {
  constructor(
    readonly data: Buffer,
    readonly width: number,
    readonly height: number,
    readonly channels: number,
  ) {}

  static async of(png: Buffer): Promise<Picture> {
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    return new Picture(data, info.width, info.height, info.channels);
  }

  at(x: number, y: number): Rgb {
    const i = (y * this.width + x) * this.channels;
    return [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!];
  }

  /** Pixels of a box for which `test` holds. */
  count(box: Box, test: (rgb: Rgb) => boolean): number {
    let n = 0;
    for (let y = box.y; y < box.y + box.h; y++) for (let x = box.x; x < box.x + box.w; x++) if (test(this.at(x, y))) n++;
    return n;
  }
}

/** Pixels of a box that differ between two pictures. */
function countDiff(a: Picture, b: Picture, box: Box): number {
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) if (distance(a.at(x, y), b.at(x, y)) > 0) n++;
  }
  return n;
}

const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
const near = (color: string, tolerance = 24) => (rgb: Rgb) => distance(rgb, hex(color)) <= tolerance;
/** Strongly coloured: what an emoji adds, and none of the card's own colours is. */
const vivid = ([r, g, b]: Rgb) => Math.max(r, g, b) - Math.min(r, g, b) > 120 && !(b > r && b > g);

async function draw(data: CardData, fonts: CardFonts = createCardFonts()) {
  const { png, missing } = await renderCard(data, fonts);
  return { png, missing, picture: await Picture.of(png) };
}

/** The fonts satori was handed for a render: the base set plus every font the asset loader returned. */
function recordingFonts(): { fonts: CardFonts; used: Buffer[] } {
  const fonts = createCardFonts();
  const used: Buffer[] = fonts.base.map((f) => f.data as Buffer);
  const assetLoader = fonts.assetLoader;
  fonts.assetLoader = (missing) => {
    const load = assetLoader(missing);
    return async (code, segment) => {
      const asset = await load(code, segment);
      if (typeof asset !== 'string') used.push(...asset.map((f) => f.data as Buffer));
      return asset;
    };
  };
  return { fonts, used };
}

describe('renderCard', () => {
  let plain: Awaited<ReturnType<typeof draw>>;
  beforeAll(async () => {
    plain = await draw(card('Hello, cards'));
  });

  it('draws an opaque 1200×630 PNG on the configured background, with the accent bar and rings', async () => {
    const { format, width, height, hasAlpha } = await sharp(plain.png).metadata();
    expect({ format, width, height, hasAlpha }).toEqual({ format: 'png', width: 1200, height: 630, hasAlpha: false });
    const { picture } = plain;
    // Background below the rings, accent bar along the left edge.
    expect(picture.at(40, 600)).toEqual(hex(colors.background));
    expect(picture.at(620, 600)).toEqual(hex(colors.background));
    for (const y of [0, 315, 629]) expect(picture.at(5, y)).toEqual(hex(colors.accent));
    // The innermost ring is filled with a tint of the accent: lighter than the background, bluer than red.
    const [r, g, b] = picture.at(1190, 10);
    const [br] = hex(colors.background);
    expect(b).toBeGreaterThan(hex(colors.background)[2] + 10);
    expect(b).toBeGreaterThan(r);
    expect(r).toBeGreaterThanOrEqual(br);
    expect(g).toBeGreaterThan(0);
  });

  it('writes the title in the foreground colour, the date in the muted one and tags in the accent', () => {
    const { picture } = plain;
    expect(picture.count(TITLE, near(colors.foreground))).toBeGreaterThan(2000);
    expect(picture.count(HEADER, near(colors.foreground))).toBeGreaterThan(300); // the site name
    expect(picture.count(FOOTER_LEFT, near(colors.muted))).toBeGreaterThan(300);
    expect(picture.count(FOOTER_RIGHT, near(colors.accent))).toBeGreaterThan(300);
  });

  it('changes only the title block when only the title changes', async () => {
    const other = await draw(card('A different title'));
    expect(countDiff(plain.picture, other.picture, TITLE)).toBeGreaterThan(1000);
    for (const band of [HEADER, FOOTER_LEFT, FOOTER_RIGHT]) expect(countDiff(plain.picture, other.picture, band)).toBe(0);
  });

  it('leaves out what a card does not have: no date line, no tag pills', async () => {
    const bare = await draw(card('Hello, cards', { date: undefined, readingTime: undefined, tags: [] }));
    expect(bare.picture.count(FOOTER_LEFT, near(colors.background, 0))).toBe(FOOTER_LEFT.w * FOOTER_LEFT.h);
    expect(bare.picture.count(FOOTER_RIGHT, near(colors.accent))).toBe(0);
  });

  it('keeps a very long title and many tags inside their bands', async () => {
    const long = await draw(card('A title that never ends '.repeat(30), { tags: ['a', 'b', 'c', 'd'] }));
    expect(long.picture.count(TITLE, near(colors.foreground))).toBeGreaterThan(plain.picture.count(TITLE, near(colors.foreground)));
    // The title is clamped: the date line is drawn exactly where it is under a short title.
    expect(countDiff(plain.picture, long.picture, FOOTER_LEFT)).toBe(0);
    expect(countDiff(plain.picture, long.picture, HEADER)).toBe(0);
  });

  it('draws a CJK + emoji title entirely from the shipped fonts and emoji files', async () => {
    const title = '日本語のタイトル 🚀 中文标题 한국어 제목';
    const { fonts, used } = recordingFonts();
    const cjk = await draw(card(title), fonts);
    expect(cjk.missing).toEqual([]);
    // Glyphs were drawn (plenty of ink), and the emoji is a coloured picture, not a monochrome glyph.
    expect(cjk.picture.count(TITLE, near(colors.foreground))).toBeGreaterThan(5000);
    expect(cjk.picture.count(TITLE, vivid)).toBeGreaterThan(200);
    expect(plain.picture.count(TITLE, vivid)).toBe(0);

    // Independently of the subset tables: some font handed to satori has a real glyph for each character.
    const faces = used.map((data) => fontkit.create(data) as fontkit.Font);
    const text = [...title].filter((c) => c.trim() && c !== '🚀');
    expect(text.filter((c) => !faces.some((f) => f.hasGlyphForCodePoint(c.codePointAt(0)!)))).toEqual([]);
  });

  it('draws accented Latin, Cyrillic and Greek from Inter’s other subsets', async () => {
    const { missing, picture } = await draw(card('Łódź, Привет, Ελληνικά, Tiếng Việt'));
    expect(missing).toEqual([]);
    expect(picture.count(TITLE, near(colors.foreground))).toBeGreaterThan(2000);
  });

  it('reports characters no shipped font can draw', async () => {
    // Egyptian hieroglyphs are in none of the shipped faces.
    expect((await draw(card('Ancient 𓀀 text'))).missing).toEqual(['𓀀']);
  });

  it('draws the same picture for the same card with a fresh or a long-used font source', async () => {
    const fonts = createCardFonts();
    await draw(card('日本語のタイトル 🚀'), fonts);
    const again = await draw(card('Hello, cards'), fonts);
    expect(again.png.equals(plain.png)).toBe(true);
  });

  it('lets each card\'s pixels go before the next, in a loop that does nothing else', async () => {
    // resvg's pixmaps (~6 MB a card) are freed from the event loop; a loop that never yielded kept
    // every one of them (80 cards: ~500 MB).
    const fonts = createCardFonts();
    for (let i = 0; i < 10; i++) await renderCard(card(`Warm-up ${i}`), fonts);
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 80; i++) await renderCard(card(`Card number ${i}`), fonts);
    expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(200);
  });
});

describe('twemojiName', () => {
  it('follows Twemoji file names', () => {
    expect(twemojiName('🚀')).toBe('1f680');
    expect(twemojiName('❤️')).toBe('2764'); // variation selector dropped
    expect(twemojiName('👩‍💻')).toBe('1f469-200d-1f4bb'); // ZWJ sequence kept
  });
});
