import { perContent, type Entry, type PostEntry } from '../content';
import { displayDate, readingTimeLabel } from '../dates';
import type { Site } from '../site';
import { postCardPath, siteCardPath } from '../paths';
import { absoluteUrl, imageUrl } from '../urls';
import { OG_HEIGHT, OG_WIDTH, type CardData } from './card-data';

export { OG_HEIGHT, OG_WIDTH, type CardData };

// Which cards exist, what each shows, and which image a page's head points to. No rendering here:
// page bundles import this module, so it must stay free of satori and resvg.

export interface OgCard {
  /** Site-relative path of the PNG, e.g. `/og/posts/hello.png`. */
  path: string;
  data: CardData;
  /** The post whose card it is; none for the site card. */
  entry?: Entry;
}

export interface OgImage {
  /** Absolute URL. */
  url: string;
  width?: number;
  height?: number;
  alt: string;
}

/** A post gets a generated card unless its frontmatter names an image. */
export const hasGeneratedCard = (entry: Entry): entry is PostEntry => entry.kind === 'post' && !entry.image;

function siteBasics(site: Site) {
  return { siteName: site.title, language: site.language, host: absoluteUrl(site, '').replace(/^https?:\/\//, ''), colors: site.ogCard };
}

export function siteCard(site: Site): CardData {
  return { kind: 'site', ...siteBasics(site), title: site.title, description: site.description, tags: [] };
}

export function postCard(site: Site, post: PostEntry): CardData {
  return {
    kind: 'post',
    ...siteBasics(site),
    title: post.title,
    description: post.description,
    date: displayDate(post.date.instant, site.timeZone, site.language),
    readingTime: readingTimeLabel(post.readingMinutes),
    tags: post.tags.map((t) => t.name),
  };
}

/** Every card the site publishes: the site card and one per built post without its own image. */
export const ogCards = perContent((content): OgCard[] => [
  { path: siteCardPath(), data: siteCard(content.site) },
  ...content.posts.filter(hasGeneratedCard).map((post) => ({ path: postCardPath(post.slug), data: postCard(content.site, post), entry: post })),
]);

/** Words for og:image:alt, so screen readers in link previews get what the picture says. */
export function cardAlt(card: CardData): string {
  if (card.kind === 'site') return `${card.siteName}: ${card.description ?? ''}`.trim();
  return [`“${card.title}”, ${card.siteName}`, card.date, card.readingTime].filter(Boolean).join(' · ');
}

/**
 * The image a page's head names: the post's own frontmatter image, its generated card, or the site
 * card (home, lists, tags and standalone pages).
 */
export function ogImageFor(site: Site, entry?: Entry): OgImage {
  if (entry?.image) {
    return { url: imageUrl(site, entry.image), alt: entry.title };
  }
  const post = entry && hasGeneratedCard(entry) ? entry : undefined;
  return {
    url: absoluteUrl(site, post ? postCardPath(post.slug) : siteCardPath()),
    width: OG_WIDTH,
    height: OG_HEIGHT,
    alt: cardAlt(post ? postCard(site, post) : siteCard(site)),
  };
}
