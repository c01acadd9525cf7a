import type { Metadata } from 'next';
import { machineDate } from './dates';
import type { Content, Entry, PostEntry, Tag } from './content';
import { ogImageFor } from './og/cards';
import type { Site } from './site';
import { homePath } from './paths';
import { absoluteUrl } from './urls';
import { OUTPUTS, outputFilesByOwner } from './outputs/registry';

interface PageMeta {
  title?: string;
  description?: string;
  /** Site-relative path of the page, e.g. `/posts/hello/`. */
  path: string;
  /** The canonical path when it differs from `path` (e.g. /page/1/ → /). */
  canonicalPath?: string;
  /** The page of one post or standalone page: links its own alternates (`content` required). */
  entry?: Entry;
  /** A tag page also links the tag's own feeds (`content` required). */
  tag?: Tag;
  content?: Content;
  /** The markdown twin of a list page without an owner in the output table (home, its pages, archive, tag index). */
  markdownPath?: string;
}

/**
 * `<link rel="alternate">` from the output table's rows that ask for it: the site feeds on every
 * page, a tag's feeds and markdown twin on its page, an entry's markdown twin on its page; and the
 * twin of a list page given as `markdownPath`.
 */
export function alternateTypes(site: Site, { entry, tag, content, markdownPath }: Pick<PageMeta, 'entry' | 'tag' | 'content' | 'markdownPath'>): NonNullable<Metadata['alternates']>['types'] {
  const owner = entry ?? tag;
  const owned = owner && content ? (outputFilesByOwner(content).get(owner) ?? []) : [];
  const types: Record<string, { url: string; title: string }[]> = {};
  for (const row of OUTPUTS) {
    if (!row.alternate) continue;
    const { scope, label } = row.alternate;
    const title = scope === 'site' ? `${site.title} (${label})` : scope === 'tag' ? `${site.title}: ${tag?.name} (${label})` : `${entry?.title} (${label})`;
    // A site-wide row has one file at its (static) route.
    const paths = scope === 'site' ? [row.route!] : owned.filter((o) => o.row === row).map((o) => o.file.path);
    const type = row.mediaType.split(';')[0]!;
    for (const path of paths) (types[type] ??= []).push({ url: absoluteUrl(site, path), title });
  }
  if (markdownPath) (types['text/markdown'] ??= []).push({ url: absoluteUrl(site, markdownPath), title: 'This page as markdown' });
  return types;
}

/**
 * Open Graph's locale, language_TERRITORY: "de-AT" → "de_AT", and where the tag names no country the
 * likeliest one ("en" → "en_US", "ja" → "ja_JP"). Undefined for a tag Intl cannot read.
 */
export function ogLocale(language: string): string | undefined {
  try {
    const locale = new Intl.Locale(language);
    const region = [locale.region, locale.maximize().region, new Intl.Locale(locale.language).maximize().region].find((r) => r && /^[A-Z]{2}$/.test(r));
    return region ? `${locale.language}_${region}` : undefined;
  } catch {
    return undefined;
  }
}

/** The head of one page: canonical, Open Graph, Twitter and robots, all with absolute URLs. */
export function pageMetadata(site: Site, { title, description, path, canonicalPath, entry, tag, content, markdownPath }: PageMeta): Metadata {
  // og:url names the canonical too: /page/1/ is the home page, a cross-posted entry the original.
  const canonical = entry?.canonical ?? absoluteUrl(site, canonicalPath ?? path);
  const locale = ogLocale(site.language);
  const desc = description ?? site.description;
  const image = ogImageFor(site, entry);
  return {
    ...(title ? { title } : {}),
    description: desc,
    alternates: { canonical, types: alternateTypes(site, { entry, tag, content, markdownPath }) },
    openGraph: {
      type: entry?.kind === 'post' ? 'article' : 'website',
      siteName: site.title,
      ...(locale ? { locale } : {}),
      url: canonical,
      title: title ?? site.title,
      description: desc,
      images: [image],
      ...(entry?.kind === 'post'
        ? {
            publishedTime: entry.date.instant.toISOString(),
            ...(entry.updated ? { modifiedTime: entry.updated.instant.toISOString() } : {}),
            // article:author is a profile: the author's page where there is one, else the name.
            authors: [entry.author.url ?? entry.author.name],
            tags: entry.tags.map((t) => t.name),
          }
        : {}),
    },
    twitter: { card: 'summary_large_image', title: title ?? site.title, description: desc, images: [{ url: image.url, alt: image.alt }] },
    ...(entry?.visibility === 'unlisted' ? { robots: { index: false, follow: true } } : {}),
  };
}

/** JSON-LD serialised safely for a `<script>` element (no `</script>` can close it early). */
const jsonLd = (data: Record<string, unknown>) => JSON.stringify(data).replace(/</g, '\\u003c');

/** schema.org WebSite for the home page: the site's name and address, which search engines show for it. */
export function websiteJsonLd(site: Site): string {
  return jsonLd({
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.title,
    description: site.description,
    url: absoluteUrl(site, homePath()),
    inLanguage: site.language,
  });
}

/** schema.org BlogPosting for a post page. */
export function blogPostingJsonLd(site: Site, post: PostEntry): string {
  const url = post.canonical ?? absoluteUrl(site, post.path);
  return jsonLd({
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.description,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    image: ogImageFor(site, post).url,
    datePublished: machineDate({ ...post.date, dateOnly: false }, site.timeZone),
    dateModified: machineDate({ ...(post.updated ?? post.date), dateOnly: false }, site.timeZone),
    author: { '@type': 'Person', name: post.author.name, ...(post.author.url ? { url: post.author.url } : {}) },
    publisher: { '@type': 'Organization', name: site.title, url: absoluteUrl(site, homePath()) },
    keywords: post.tags.map((t) => t.name),
    inLanguage: site.language,
    wordCount: post.words,
  });
}
