import type { Metadata } from 'next';
import { machineDate } from './dates';
import type { Entry } from './content';
import { ogImageFor } from './og/cards';
import type { Site } from './site';
import { absoluteUrl } from './urls';
import { feedPath, twinPath, type FeedFormat } from './outputs/paths';

interface PageMeta {
  title?: string;
  description?: string;
  /** Site-relative path of the page, e.g. `/posts/hello/`. */
  path: string;
  /** The canonical path when it differs from `path` (e.g. /page/1/ → /). */
  canonicalPath?: string;
  entry?: Entry;
  /** A tag page also links the tag's own feeds. */
  tag?: { name: string; slug: string };
  /** The markdown twin of a list page (posts and pages have theirs from `entry`). */
  markdownPath?: string;
}

const FEED_TYPES: [FeedFormat, string, string][] = [
  ['rss', 'application/rss+xml', 'RSS'],
  ['atom', 'application/atom+xml', 'Atom'],
  ['json', 'application/feed+json', 'JSON Feed'],
];

/** `<link rel="alternate">` for the site feeds (and a tag's feeds) and the entry's markdown twin. */
export function alternateTypes(site: Site, { entry, tag, markdownPath }: Pick<PageMeta, 'entry' | 'tag' | 'markdownPath'>): NonNullable<Metadata['alternates']>['types'] {
  const types: Record<string, { url: string; title: string }[]> = {};
  for (const [format, type, label] of FEED_TYPES) {
    types[type] = [
      { url: absoluteUrl(site, feedPath(format)), title: `${site.title} (${label})` },
      ...(tag ? [{ url: absoluteUrl(site, feedPath(format, tag.slug)), title: `${site.title}: ${tag.name} (${label})` }] : []),
    ];
  }
  if (entry) types['text/markdown'] = [{ url: absoluteUrl(site, twinPath(entry)), title: `${entry.title} (markdown)` }];
  else if (markdownPath) types['text/markdown'] = [{ url: absoluteUrl(site, markdownPath), title: 'This page as markdown' }];
  return types;
}

/** The head of one page: canonical, Open Graph, Twitter and robots, all with absolute URLs. */
export function pageMetadata(site: Site, { title, description, path, canonicalPath, entry, tag, markdownPath }: PageMeta): Metadata {
  const url = absoluteUrl(site, path);
  const canonical = entry?.canonical ?? absoluteUrl(site, canonicalPath ?? path);
  const desc = description ?? site.description;
  const image = ogImageFor(site, entry);
  return {
    ...(title ? { title } : {}),
    description: desc,
    alternates: { canonical, types: alternateTypes(site, { entry, tag, markdownPath }) },
    openGraph: {
      type: entry?.kind === 'post' ? 'article' : 'website',
      siteName: site.title,
      locale: site.language,
      url,
      title: title ?? site.title,
      description: desc,
      images: [image],
      ...(entry?.kind === 'post'
        ? {
            publishedTime: entry.date.instant.toISOString(),
            ...(entry.updated ? { modifiedTime: entry.updated.instant.toISOString() } : {}),
            authors: [entry.author.name],
            tags: entry.tags.map((t) => t.name),
          }
        : {}),
    },
    twitter: { card: 'summary_large_image', title: title ?? site.title, description: desc, images: [{ url: image.url, alt: image.alt }] },
    ...(entry?.visibility === 'unlisted' ? { robots: { index: false, follow: true } } : {}),
  };
}

/** schema.org BlogPosting for a post page, serialised safely for a `<script>` element. */
export function blogPostingJsonLd(site: Site, post: Entry): string {
  const url = absoluteUrl(site, post.path);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.description,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: machineDate({ ...post.date, dateOnly: false }, site.timeZone),
    dateModified: machineDate({ ...(post.updated ?? post.date), dateOnly: false }, site.timeZone),
    author: { '@type': 'Person', name: post.author.name, ...(post.author.url ? { url: post.author.url } : {}) },
    publisher: { '@type': 'Organization', name: site.title, url: absoluteUrl(site, '/') },
    keywords: post.tags.map((t) => t.name),
    inLanguage: site.language,
    wordCount: post.words,
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
