import * as fontkit from 'fontkit';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import type { CardData } from '@/lib/og/cards';
import { createCardFonts, twemojiName, type CardFonts } from '@/lib/og/fonts';
import { renderCard } from '@/lib/og/render';

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

/** The fonts satori used: the base set plus every font loadAdditionalAsset handed back. */
function recordingFonts(): { fonts: CardFonts; used: () => Buffer[]; images: string[] } {
  const fonts = createCardFonts();
  const loaded: Buffer[] = fonts.base.map((f) => f.data as Buffer);
  const images: string[] = [];
  const load = fonts.loadAdditionalAsset;
  fonts.loadAdditionalAsset = async (code, segment) => {
    const asset = await load(code, segment);
    if (typeof asset === 'string') images.push(asset);
    else loaded.push(...asset.map((f) => f.data as Buffer));
    return asset;
  };
  return { fonts, used: () => loaded, images };
}

describe('renderCard', () => {
  it('draws a 1200×630 PNG', async () => {
    const png = await renderCard(card('Hello, cards'), createCardFonts());
    expect(imageSize(png)).toMatchObject({ type: 'png', width: 1200, height: 630 });
  });

  it('draws different cards for different posts', async () => {
    const fonts = createCardFonts();
    const [a, b] = await Promise.all([renderCard(card('First post'), fonts), renderCard(card('Second post'), fonts)]);
    expect(a.equals(b)).toBe(false);
  });

  it('draws a CJK + emoji title entirely from the shipped fonts and emoji files', async () => {
    const title = '日本語のタイトル 🚀 中文标题 한국어 제목';
    const { fonts, used, images } = recordingFonts();
    const png = await renderCard(card(title), fonts);
    expect(imageSize(png)).toMatchObject({ width: 1200, height: 630 });

    // satori asked for the CJK text and the emoji, and every request was answered in full.
    expect(fonts.requests.map((r) => r.code)).toContain('emoji');
    expect(fonts.requests.filter((r) => r.missing.length)).toEqual([]);
    expect(images).toEqual([expect.stringMatching(/^data:image\/svg\+xml;base64,/)]);

    // Independently of the subset tables: some font handed to satori has a real glyph for each character.
    const faces = used().map((data) => fontkit.create(data) as fontkit.Font);
    const text = [...title].filter((c) => c.trim() && c !== '🚀');
    const uncovered = text.filter((c) => !faces.some((f) => f.hasGlyphForCodePoint(c.codePointAt(0)!)));
    expect(uncovered).toEqual([]);
  });

  it('draws accented Latin, Cyrillic and Greek from Inter’s other subsets', async () => {
    const fonts = createCardFonts();
    await renderCard(card('Łódź, Привет, Ελληνικά, Tiếng Việt'), fonts);
    expect(fonts.requests.length).toBeGreaterThan(0);
    expect(fonts.requests.flatMap((r) => r.missing)).toEqual([]);
  });

  it('reports characters no shipped font can draw', async () => {
    const fonts = createCardFonts();
    // Egyptian hieroglyphs are in none of the shipped faces.
    await renderCard(card('Ancient 𓀀 text'), fonts);
    expect(fonts.requests.flatMap((r) => r.missing)).toEqual(['𓀀']);
  });

  it('renders a very long title and many tags into a 1200×630 card without failing', async () => {
    const png = await renderCard(card('A title that never ends '.repeat(30), { tags: ['a', 'b', 'c', 'd'] }), createCardFonts());
    expect(imageSize(png)).toMatchObject({ width: 1200, height: 630 });
  });
});

describe('twemojiName', () => {
  it('follows Twemoji file names', () => {
    expect(twemojiName('🚀')).toBe('1f680');
    expect(twemojiName('❤️')).toBe('2764'); // variation selector dropped
    expect(twemojiName('👩‍💻')).toBe('1f469-200d-1f4bb'); // ZWJ sequence kept
  });
});
