import type { ReactElement } from 'react';
import { OG_HEIGHT, OG_WIDTH, type CardData } from './card-data';

// The card's design, as the JSX subset satori lays out (flexbox, inline styles).

const PADDING_X = 80;
const TITLE_WIDTH = OG_WIDTH - 2 * PADDING_X;
/** Longest title, in Latin-letter widths, before layout; lineClamp then ends the last shown line with "…". */
const MAX_TITLE_WIDTH = 180;
/** Descriptions are cut to about what their lines hold (2 under a post title, 3 on the site card). */
const MAX_DESCRIPTION_WIDTH = { post: 105, site: 160 };

/** One segmenter for every card: making one costs as much as splitting a title with it. */
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string) => Array.from(graphemeSegmenter.segment(text), (s) => s.segment);

/** Wide characters (CJK, emoji) take about twice the room of a Latin letter. */
const isWide = (g: string) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Extended_Pictographic}\u3000-\u303f\uff00-\uffef]/u.test(g);

/** Text cut to `maxWidth` Latin-letter widths, at a word boundary when one is near, ending in "…". */
export function shorten(text: string, maxWidth: number): string {
  const parts = graphemes(text);
  let width = 0;
  const fits = parts.findIndex((g) => (width += isWide(g) ? 1.8 : 1) > maxWidth);
  if (fits < 0) return text;
  const cut = parts.slice(0, fits).join('');
  const space = cut.lastIndexOf(' ');
  const midWord = !/\s/.test(parts[fits]!) && space > cut.length * 0.7;
  return `${(midWord ? cut.slice(0, space) : cut).replace(/[\s.,;:!?\-–—]+$/, '')}…`;
}

export const shortenTitle = (title: string) => shorten(title, MAX_TITLE_WIDTH);

/** The largest title size whose estimated wrap fits the lines the layout has room for. */
export function titleLayout(title: string): { fontSize: number; lines: number } {
  const width = graphemes(title).reduce((sum, g) => sum + (isWide(g) ? 1.0 : 0.56), 0);
  const sizes = [
    { fontSize: 84, lines: 2 },
    { fontSize: 72, lines: 3 },
    { fontSize: 60, lines: 3 },
    { fontSize: 52, lines: 4 },
  ];
  return sizes.find(({ fontSize, lines }) => Math.ceil((width * fontSize) / TITLE_WIDTH) <= lines) ?? sizes.at(-1)!;
}

function rgba(hex: string, alpha: number): string {
  const h = hex.slice(1);
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

function Icon({ kind, color }: { kind: 'calendar' | 'clock'; color: string }) {
  const stroke = { fill: 'none', stroke: color, strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
  return (
    <svg width="30" height="30" viewBox="0 0 24 24" style={{ marginRight: 12 }}>
      {kind === 'calendar' ? (
        <>
          <rect x="3" y="4.5" width="18" height="16.5" rx="2.5" {...stroke} />
          <path d="M3 9.5h18M8 2.5v4M16 2.5v4" {...stroke} />
        </>
      ) : (
        <>
          <circle cx="12" cy="12" r="9" {...stroke} />
          <path d="M12 7v5l3.5 2" {...stroke} />
        </>
      )}
    </svg>
  );
}

/** Room for tag pills beside the date and reading time, and a pill's estimated width. */
const TAGS_WIDTH = 560;
const PILL_MAX = 280;
const pillWidth = (text: string) => Math.min(PILL_MAX, graphemes(text).reduce((w, g) => w + (isWide(g) ? 24 : 15), 0) + 44) + 12;

/** As many tags as fit (at most three), then "+N" for the rest. */
export function fitTags(tags: string[]): { shown: string[]; rest: number } {
  const shown: string[] = [];
  let used = 0;
  for (const [i, tag] of tags.slice(0, 3).entries()) {
    const more = i < tags.length - 1 ? pillWidth('+9') : 0;
    if (used + pillWidth(`#${tag}`) + more > TAGS_WIDTH) break;
    shown.push(tag);
    used += pillWidth(`#${tag}`);
  }
  return { shown, rest: tags.length - shown.length };
}

function Tags({ tags, colors }: { tags: string[]; colors: CardData['colors'] }) {
  const { shown, rest } = fitTags(tags);
  const pill = {
    display: 'flex',
    padding: '8px 20px',
    marginLeft: 12,
    borderRadius: 999,
    fontSize: 24,
    fontWeight: 700,
    maxWidth: PILL_MAX,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  } as const;
  return (
    <div style={{ display: 'flex', alignItems: 'center' }}>
      {shown.map((tag) => (
        <div key={tag} style={{ ...pill, color: colors.accent, backgroundColor: rgba(colors.accent, 0.14), border: `2px solid ${rgba(colors.accent, 0.35)}` }}>
          #{tag}
        </div>
      ))}
      {rest > 0 && <div style={{ ...pill, color: colors.muted, border: `2px solid ${rgba(colors.muted, 0.35)}` }}>+{rest}</div>}
    </div>
  );
}

/**
 * What every card of a site shares, drawn behind the text as plain SVG: the background, rings around
 * the top-right corner and the accent bar. Written here rather than laid out by satori, which would
 * pass the rings to resvg as a nested SVG image, rasterised separately at about twice the cost of
 * the rest of the card.
 */
export function cardBackdrop(colors: CardData['colors']): string {
  const ring = (r: number, fill: string, alpha: number) =>
    `<circle cx="${OG_WIDTH}" cy="0" r="${r}" fill="${fill}" stroke="${rgba(colors.accent, alpha)}" stroke-width="2"/>`;
  return [
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="${colors.background}"/>`,
    ring(220, rgba(colors.accent, 0.1), 0.22),
    ring(360, 'none', 0.16),
    ring(500, 'none', 0.1),
    `<rect width="14" height="${OG_HEIGHT}" fill="${colors.accent}"/>`,
  ].join('');
}

/** The card's text, pill and icons as a satori element tree, on a transparent background (see cardBackdrop). */
export function cardElement(card: CardData): ReactElement {
  const { colors } = card;
  const title = shortenTitle(card.title);
  const { fontSize, lines } = card.kind === 'site' ? { fontSize: 88, lines: 2 } : titleLayout(title);
  // A post's description fills the room a short title leaves; the site card always shows the site's.
  const shown = card.kind === 'site' || lines <= 2 ? card.description : undefined;
  const description = shown && shorten(shown, MAX_DESCRIPTION_WIDTH[card.kind]);
  const initial = graphemes(card.siteName.trim())[0]?.toUpperCase() ?? '•';
  return (
    <div
      lang={card.language}
      style={{
        width: OG_WIDTH,
        height: OG_HEIGHT,
        boxSizing: 'border-box',
        display: 'flex',
        flexDirection: 'column',
        padding: `64px ${PADDING_X}px 60px`,
        color: colors.foreground,
        fontFamily: 'Inter',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 32 }}>
        <div style={{ display: 'flex', alignItems: 'center' }}>
          <div
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              flexShrink: 0,
              width: 60,
              height: 60,
              borderRadius: 16,
              backgroundColor: colors.accent,
              color: colors.background,
              fontSize: 36,
              fontWeight: 800,
              marginRight: 20,
            }}
          >
            {initial}
          </div>
          <div style={{ display: 'flex', fontSize: 34, fontWeight: 700, maxWidth: 620, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {card.siteName}
          </div>
        </div>
        <div style={{ display: 'flex', fontSize: 26, color: colors.muted, maxWidth: 420, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {card.host}
        </div>
      </div>

      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', flexGrow: 1 }}>
        <div
          style={{
            display: 'block',
            fontSize,
            fontWeight: 800,
            lineHeight: 1.14,
            letterSpacing: '-0.02em',
            lineClamp: lines,
          }}
        >
          {title}
        </div>
        {description && (
          <div style={{ display: 'block', marginTop: 28, fontSize: 34, lineHeight: 1.4, color: colors.muted, lineClamp: card.kind === 'site' ? 3 : 2 }}>
            {description}
          </div>
        )}
      </div>

      {card.kind === 'post' && (
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', fontSize: 28, color: colors.muted }}>
          <div style={{ display: 'flex', alignItems: 'center' }}>
            {card.date && <Icon kind="calendar" color={colors.accent} />}
            {card.date && <div style={{ display: 'flex', marginRight: 36 }}>{card.date}</div>}
            {card.readingTime && <Icon kind="clock" color={colors.accent} />}
            {card.readingTime && <div style={{ display: 'flex' }}>{card.readingTime}</div>}
          </div>
          <Tags tags={card.tags} colors={colors} />
        </div>
      )}
    </div>
  );
}
