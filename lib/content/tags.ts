import anyAscii from 'any-ascii';
import { slugify } from '../urls';
import type { Tag } from './model';

// Tag slugs are GitHub-style (`Web Dev` → `web-dev`), which drops every symbol: `C`, `C#` and `C++`
// would share `/tags/c/`, and `🚀` or `++` would get `/tags//`. The two symbols that tell programming
// tags apart are spelled out (`c-sharp`, `c-plus-plus`), and a name with no letter or digit left is
// transliterated (`🚀` → `rocket`); the code points are the last resort, so no slug is empty.

const SPELLED: [RegExp, string][] = [
  [/#/g, ' sharp '],
  [/\+/g, ' plus '],
];

const clean = (slug: string) => slug.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');

/** The URL slug of a tag name. Names that differ only in case, spaces or punctuation share one. */
export function tagSlug(name: string): string {
  const spelled = SPELLED.some(([symbol]) => symbol.test(name))
    ? clean(slugify(SPELLED.reduce((text, [symbol, word]) => text.replace(symbol, word), name).trim()))
    : slugify(name);
  if (/[^-_]/.test(spelled)) return spelled;
  return clean(slugify(anyAscii(name).replace(/[:_]/g, ' ').trim())) || `tag-${[...name].map((c) => c.codePointAt(0)!.toString(16)).join('-')}`;
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
