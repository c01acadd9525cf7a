import { beforeAll, describe, expect, it } from 'vitest';
import rawConfig from '@/site.config';
import { buildContent, type Content } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { cardKey } from '@/lib/og/cache';
import { ogCards, ogImageFor, postCard } from '@/lib/og/cards';
import { outputFileByPath } from '@/lib/outputs/registry';
import { matchRoute } from '@/lib/outputs/route';
import { fitTags, shorten, shortenTitle, titleLayout } from '@/lib/og/template';
import { blogPostingJsonLd, ogLocale, pageMetadata } from '@/lib/seo';
import { resolveSite } from '@/lib/site';
import { fixture } from '../helpers/export-build';

let content: Content;
const post = (slug: string) => content.posts.find((p) => p.slug === slug)!;

beforeAll(async () => {
  // Cache keys name the template that drew the card; any fixed value does for comparing keys here.
  process.env.OG_TEMPLATE_HASH ??= 'og-cards-test';
  const site = resolveSite(rawConfig, { CONTENT_DIR: fixture('og'), BUILD_DATE: '2026-01-01T00:00:00Z', BASE_PATH: '/blog' });
  content = buildContent(site, await loadContent(site));
});

describe('which cards exist', () => {
  it('has the site card and one per built post without a frontmatter image', () => {
    expect(ogCards(content).map((c) => c.path).sort()).toEqual([
      '/og/posts/cjk.png',
      '/og/posts/long-title.png',
      '/og/posts/plain.png',
      '/og/posts/unlisted.png',
      '/og/site.png',
    ]);
  });

  it('serves each card from the card route, and no card for a post with its own image or a draft', () => {
    const files = outputFileByPath(content);
    for (const card of ogCards(content)) {
      expect(files.get(card.path)?.row.route).toBe('/og/[...card]');
      expect(matchRoute('/og/[...card]', card.path)).toEqual({ card: card.path.split('/').slice(2) });
    }
    expect(files.has('/og/posts/own-image.png')).toBe(false);
    expect(files.has('/og/posts/draft.png')).toBe(false);
  });
});

describe('og:image of a page', () => {
  it('names the generated card of a post, absolutely and with the base path', () => {
    expect(ogImageFor(content.site, post('plain'))).toEqual({
      url: 'https://mdsite.example.com/blog/og/posts/plain.png',
      width: 1200,
      height: 630,
      alt: expect.stringContaining('Hello, cards'),
    });
  });

  it('uses the frontmatter image instead of a card', () => {
    const image = ogImageFor(content.site, post('own-image'));
    expect(image).toEqual({ url: 'https://mdsite.example.com/blog/posts/own-image/cover.png', alt: 'A post with its own image' });
    const absolute = { ...post('own-image'), image: 'https://cdn.example.net/cover.jpg' };
    expect(ogImageFor(content.site, absolute).url).toBe('https://cdn.example.net/cover.jpg');
  });

  it('uses the site card for lists, tags and standalone pages', () => {
    const page = content.pages.find((p) => p.slug === 'colophon')!;
    expect(ogImageFor(content.site).url).toBe('https://mdsite.example.com/blog/og/site.png');
    expect(ogImageFor(content.site, page).url).toBe('https://mdsite.example.com/blog/og/site.png');
  });

  it('goes into the head as Open Graph and large Twitter card', () => {
    const meta = pageMetadata(content.site, { title: 'Hello, cards', path: post('plain').path, entry: post('plain') });
    const image = ogImageFor(content.site, post('plain'));
    expect(meta.openGraph?.images).toEqual([image]);
    expect(meta.twitter).toMatchObject({ card: 'summary_large_image', images: [{ url: image.url, alt: image.alt }] });
    expect(JSON.parse(blogPostingJsonLd(content.site, post('plain')))).toMatchObject({ image: image.url, url: 'https://mdsite.example.com/blog/posts/plain/' });
  });

  it('names the canonical as og:url, and the locale as language_TERRITORY', () => {
    const first = pageMetadata(content.site, { path: '/page/1/', canonicalPath: '/' });
    expect(first.openGraph).toMatchObject({ url: 'https://mdsite.example.com/blog/', locale: 'en_US' });
    const crossPosted = { ...post('plain'), canonical: 'https://elsewhere.example/original/' };
    expect(pageMetadata(content.site, { path: crossPosted.path, entry: crossPosted }).openGraph?.url).toBe('https://elsewhere.example/original/');
    expect(JSON.parse(blogPostingJsonLd(content.site, crossPosted))).toMatchObject({ url: 'https://elsewhere.example/original/', mainEntityOfPage: { '@id': 'https://elsewhere.example/original/' } });
    // article:author: the author's profile page where the config names one, else the name.
    const withPage = { ...post('plain'), author: { name: 'Ada', url: 'https://ada.example/' } };
    expect(pageMetadata(content.site, { path: withPage.path, entry: withPage }).openGraph).toMatchObject({ authors: ['https://ada.example/'] });
    expect(pageMetadata(content.site, { path: withPage.path, entry: { ...withPage, author: { name: 'Ada' } } }).openGraph).toMatchObject({ authors: ['Ada'] });
    expect(['en', 'de-AT', 'ja', 'zh-Hant', 'es-419', 'pt-BR'].map(ogLocale)).toEqual(['en_US', 'de_AT', 'ja_JP', 'zh_TW', 'es_ES', 'pt_BR']);
  });
});

describe('cache key', () => {
  it('is stable for the same card and changes with what the card shows or the renderer', () => {
    const card = postCard(content.site, post('plain'));
    expect(cardKey(card, 'renderer-a')).toBe(cardKey({ ...card }, 'renderer-a'));
    expect(cardKey({ ...card, title: 'Hello, cards!' }, 'renderer-a')).not.toBe(cardKey(card, 'renderer-a'));
    expect(cardKey({ ...card, tags: [] }, 'renderer-a')).not.toBe(cardKey(card, 'renderer-a'));
    expect(cardKey({ ...card, colors: { ...card.colors, accent: '#ff0000' } }, 'renderer-a')).not.toBe(cardKey(card, 'renderer-a'));
    expect(cardKey(card, 'renderer-b')).not.toBe(cardKey(card, 'renderer-a'));
  });

  it('differs between posts', () => {
    const keys = content.posts.map((p) => cardKey(postCard(content.site, p)));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('title fitting', () => {
  it('gives short titles the largest size and long ones more, smaller lines', () => {
    const short = titleLayout('Hello, cards');
    const long = titleLayout(post('long-title').title);
    expect(long.fontSize).toBeLessThan(short.fontSize);
    expect(long.lines).toBeGreaterThan(short.lines);
  });

  it('counts CJK characters as wide', () => {
    expect(titleLayout('日本語'.repeat(12)).fontSize).toBeLessThan(titleLayout('abc'.repeat(12)).fontSize);
  });

  it('cuts very long titles at a word boundary with an ellipsis', () => {
    const short = shortenTitle(`${'word '.repeat(100)}end`);
    expect(short.length).toBeLessThanOrEqual(181);
    expect(short).toMatch(/word…$/);
    expect(shortenTitle('Hello, cards')).toBe('Hello, cards');
  });

  it('counts wide characters double when shortening', () => {
    expect(shorten('日本語'.repeat(20), 20)).toBe(`${'日本語'.repeat(3)}日本…`);
    expect(shorten('one two three four five six seven', 20)).toBe('one two three four…');
    expect(shorten('one two three four five six seven', 18)).toBe('one two three four…');
  });
});

describe('tag pills', () => {
  it('shows up to three tags that fit beside the date, then a count of the rest', () => {
    expect(fitTags(['a', 'b'])).toEqual({ shown: ['a', 'b'], rest: 0 });
    expect(fitTags(['a', 'b', 'c', 'd', 'e'])).toEqual({ shown: ['a', 'b', 'c'], rest: 2 });
    const wide = ['a rather long tag name', 'another long tag name', 'third'];
    expect(fitTags(wide).shown.length).toBeLessThan(3);
    expect(fitTags(wide).rest).toBe(3 - fitTags(wide).shown.length);
  });
});
