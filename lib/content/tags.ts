import anyAscii from 'any-ascii';
import { slugify } from '../urls';
import type { Tag } from './model';

// Tag slugs are GitHub-style (`Web Dev` → `web-dev`), which drops every symbol: `C`, `C#` and `C++`
// would share `/tags/c/`, and `🚀` or `++` would get `/tags//`. The symbols that tell programming
// tags apart are spelled out first, and a name with no letter or digit left is transliterated
// (`🚀` → `rocket`); the code points are the last resort, so every slug is non-empty.

const SPELLED: [RegExp, string][] = [
  [/#/g, ' sharp '],
  [/\+/g, ' plus '],
  [/&/g, ' and '],
  [/@/g, ' at '],
];

const trimHyphens = (slug: string) => slug.replace(/^-+|-+$/g, '');

/** The URL slug of a tag name. Names that differ only in case, spaces or punctuation share one. */
export function tagSlug(name: string): string {
  const spelled = SPELLED.reduce((text, [symbol, word]) => text.replace(symbol, word), name);
  return (
    trimHyphens(slugify(spelled.trim()).replace(/-{2,}/g, '-')) ||
    trimHyphens(slugify(anyAscii(spelled).replace(/[:_]/g, ' ').trim()).replace(/-{2,}/g, '-')) ||
    `tag-${[...name].map((c) => c.codePointAt(0)!.toString(16)).join('-')}`
  );
}

/** The tags of one entry, each slug once (the first spelling wins). */
export function entryTags(names: string[]): Tag[] {
  const bySlug = new Map<string, Tag>();
  for (const name of names) {
    const slug = tagSlug(name);
    if (!bySlug.has(slug)) bySlug.set(slug, { name, slug });
  }
  return [...bySlug.values()];
}
