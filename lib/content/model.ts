import type { z } from 'zod';
import type siteConfig from '@/site.config';
import type { ContentDate } from '../dates';

export type EntryKind = 'post' | 'page';

/** What the publication rule decided: listed everywhere, built but listed nowhere, or left out. */
export type Visibility = 'listed' | 'unlisted' | 'hidden';

export interface Tag {
  name: string;
  slug: string;
}

export interface Author {
  name: string;
  email?: string;
  url?: string;
}

export interface TocItem {
  depth: 2 | 3;
  id: string;
  text: string;
}

/** A file published beside its post or page, e.g. `content/posts/hello/diagram.png`. */
export interface Asset {
  /** Path inside the entry's folder, with "/" separators: `diagram.png`, `img/a.png`. */
  name: string;
  /** Absolute path on disk. */
  source: string;
  /** Size and modification time ("12345:1733000000000"): changes when the file does. */
  stamp: string;
}

type DeclaredSchemas = typeof siteConfig extends { frontmatter: { fields: infer F } } ? F : Record<never, never>;

/** The frontmatter fields `site.config.ts` declares (`frontmatter.fields`), typed from their zod schemas. */
export type DeclaredFields = { [K in keyof DeclaredSchemas]: DeclaredSchemas[K] extends z.ZodType ? z.output<DeclaredSchemas[K]> : unknown };

interface EntryBase {
  /**
   * Unique among entries of its kind; names its card, JSON and cache files. The slug as written,
   * except for a post sharing its slug with an older one at another URL: `<slug>-<yyyy-mm-dd>`.
   */
  slug: string;
  /** The slug its URL uses, where it differs from `slug`. */
  urlSlug?: string;
  /** Source path relative to the content folder, e.g. `posts/hello/index.md`. */
  file: string;
  /** Site-relative URL path without base path, e.g. `/posts/hello/`. */
  path: string;
  title: string;
  description: string;
  updated?: ContentDate;
  tags: Tag[];
  author: Author;
  /** Cover / Open Graph image: a site-relative path or an absolute URL. */
  image?: string;
  canonical?: string;
  draft: boolean;
  unlisted: boolean;
  visibility: Visibility;
  /** Set in development for drafts and future posts, which are shown there with a badge. */
  preview?: 'draft' | 'scheduled';
  /**
   * The markdown body without frontmatter, as written but with every URL absolute: what the twin,
   * llms-full.txt and the JSON API serve. The body as written is not kept: nothing reads it.
   */
  absoluteMarkdown: string;
  html: string;
  toc: TocItem[];
  words: number;
  readingMinutes: number;
  assets: Asset[];
  /** Values of the declared frontmatter fields. */
  fields: DeclaredFields;
  /** Earlier URLs of this entry (`aliases`, Jekyll's `redirect_from`), as written. */
  aliases: string[];
  /** The URL the frontmatter asks for (`permalink`, Hugo's `url`), as written. */
  permalink?: string;
  /** Links to site paths in the body, with their line in the file: checked against every page the site has. */
  siteLinks: { url: string; line?: number; column?: number }[];
}

/** A post always has a date; a standalone page may have none. */
export type PostEntry = EntryBase & { kind: 'post'; date: ContentDate };
export type PageEntry = EntryBase & { kind: 'page'; date?: ContentDate };

/** One post or page: the single content model every output reads. */
export type Entry = PostEntry | PageEntry;
