import type { BuiltinField } from './schema';

// What each static-site generator writes in its frontmatter, and what that becomes here. A preset is
// data only: renames onto the built-in fields and keys accepted and dropped. Keys a preset does not
// name stay errors, so a typo (`draf: true`) is caught with a preset too. The README lists these
// field by field; keep both in step.

export interface Preset {
  /** Source key (a dotted path for a nested key) → built-in field. */
  rename: Record<string, BuiltinField>;
  /** Keys accepted and dropped: layout and theme settings that mean nothing here. */
  ignore: string[];
  /** Boolean keys that mean the opposite of a built-in one (Jekyll's `published: false` is a draft). */
  negate?: Record<string, 'draft'>;
  /** A string of tags separated by spaces is a list (Jekyll's `tags: a b`, `categories: a b`). */
  spaceSeparatedTags?: boolean;
}

export const PRESETS = {
  hugo: {
    rename: { lastmod: 'updated', categories: 'tags', summary: 'description', url: 'permalink', authors: 'author' },
    ignore: [
      'weight', 'layout', 'type', 'linkTitle', 'menu', 'toc', 'keywords', 'outputs', 'markup', 'isCJKLanguage',
      'translationKey', 'images', 'series', 'headless', 'sitemap', 'resources',
    ],
  },
  jekyll: {
    rename: {
      categories: 'tags', category: 'tags', excerpt: 'description', last_modified_at: 'updated', redirect_from: 'aliases',
    },
    ignore: ['layout', 'comments', 'share', 'excerpt_separator', 'sitemap'],
    negate: { published: 'draft' },
    spaceSeparatedTags: true,
  },
  astro: {
    rename: { pubDate: 'date', updatedDate: 'updated', heroImage: 'image' },
    ignore: ['layout'],
  },
  zola: {
    rename: { authors: 'author', 'taxonomies.tags': 'tags', 'taxonomies.categories': 'tags' },
    ignore: ['weight', 'template', 'in_search_index', 'extra'],
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as [PresetName, ...PresetName[]];
