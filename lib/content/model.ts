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
}

/** One post or page: the single content model every output reads. */
export interface Entry {
  kind: EntryKind;
  slug: string;
  /** Source path relative to the content folder, e.g. `posts/hello/index.md`. */
  file: string;
  /** Site-relative URL path without base path, e.g. `/posts/hello/`. */
  path: string;
  title: string;
  description: string;
  date: ContentDate;
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
  /** The markdown body without frontmatter, as written. */
  markdown: string;
  html: string;
  toc: TocItem[];
  words: number;
  readingMinutes: number;
  assets: Asset[];
  /** Links to site paths in the body, with their line in the file: checked against every page the site has. */
  siteLinks: { url: string; line?: number; column?: number }[];
}
