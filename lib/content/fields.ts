import type { FrontmatterConfig } from '../site';
import { suggestKey } from '../zod-errors';
import { PRESETS, type Preset } from './presets';
import { BUILTIN_FIELDS, type BuiltinField } from './schema';

// Applies a site's frontmatter settings (preset, renames, ignores, declared fields) to the parsed
// frontmatter of one file: which value goes to which built-in field, which are declared fields, and
// which keys nobody asked for (errors, with a suggestion and how to declare them).

export interface FrontmatterRules {
  rename: Map<string, BuiltinField>;
  ignore: Set<string>;
  declared: Set<string>;
  negate: Map<string, 'draft'>;
  spaceSeparatedTags: boolean;
  /** Every key a file may use, for suggestions. */
  known: string[];
}

export function frontmatterRules(config: FrontmatterConfig): FrontmatterRules {
  const preset: Preset = config.preset ? PRESETS[config.preset] : { rename: {}, ignore: [] };
  const declared = new Set(Object.keys(config.fields));
  const rename = new Map(Object.entries({ ...preset.rename, ...(config.rename as Record<string, BuiltinField>) }).filter(([key]) => !declared.has(key)));
  const ignore = new Set([...preset.ignore, ...config.ignore].filter((key) => !declared.has(key) && !rename.has(key)));
  const negate = new Map(Object.entries(preset.negate ?? {}).filter(([key]) => !declared.has(key) && !rename.has(key)));
  return {
    rename,
    ignore,
    declared,
    negate,
    spaceSeparatedTags: preset.spaceSeparatedTags ?? false,
    known: [...BUILTIN_FIELDS, ...declared, ...rename.keys(), ...ignore, ...negate.keys()],
  };
}

export interface FieldIssue {
  /** The key as written in the file (a path for a nested key). */
  path: string[];
  message: string;
}

export interface MappedFrontmatter {
  /** Input of the built-in schema. */
  builtin: Record<string, unknown>;
  /** Input of the declared fields' schemas. */
  declared: Record<string, unknown>;
  /** The key each built-in field was read from, when it was renamed (`date` ← `pubDate`). */
  sourceOf: Map<string, string[]>;
  issues: FieldIssue[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What other generators' field names usually mean, for the hint on an unknown field: the built-in
 * field to rename it to, and the presets that already do.
 */
const LIKELY_MEANING: Record<string, { field: BuiltinField; presets: string[] } | undefined> = (() => {
  const table: Record<string, BuiltinField> = {
    publishDate: 'date', pubDate: 'date', published: 'date', date_published: 'date', datePublished: 'date', created: 'date',
    lastmod: 'updated', last_modified_at: 'updated', updatedDate: 'updated', modified: 'updated', dateModified: 'updated', updated_at: 'updated',
    summary: 'description', excerpt: 'description', subtitle: 'description', abstract: 'description',
    featured_image: 'image', featuredImage: 'image', cover: 'image', cover_image: 'image', heroImage: 'image', thumbnail: 'image', banner: 'image', og_image: 'image',
    categories: 'tags', category: 'tags', keywords: 'tags',
    redirect_from: 'aliases', authors: 'author', url: 'permalink',
  };
  return Object.fromEntries(Object.entries(table).map(([key, field]) => [
    key,
    { field, presets: Object.entries(PRESETS).filter(([, preset]) => key in preset.rename).map(([name]) => name) },
  ]));
})();

export function mapFrontmatter(data: Record<string, unknown>, rules: FrontmatterRules): MappedFrontmatter {
  const builtin: Record<string, unknown> = {};
  const declared: Record<string, unknown> = {};
  const sourceOf = new Map<string, string[]>();
  const issues: FieldIssue[] = [];

  const assign = (target: BuiltinField, path: string[], input: unknown) => {
    // Jekyll splits `tags` and `categories` on spaces, but a singular `category` is one name ("Web Dev").
    const tagText = target === 'tags' && rules.spaceSeparatedTags && typeof input === 'string' ? input : undefined;
    const value = tagText === undefined ? input : path.at(-1) === 'category' ? [tagText] : tagText.split(/\s+/).filter(Boolean);
    const previous = sourceOf.get(target) ?? (target in builtin ? [target] : undefined);
    if (previous === undefined) {
      builtin[target] = value;
      sourceOf.set(target, path);
    } else if (target === 'tags') {
      // Several tag-like keys (tags and categories) add up.
      const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
      builtin.tags = [...list(builtin.tags), ...list(value)];
    } else {
      issues.push({
        path,
        message: `${previous.join('.')} and ${path.join('.')} both give "${target}": keep one, or add one of them to frontmatter.ignore in site.config.ts`,
      });
    }
  };

  const unknown = (path: string[]) => {
    const meaning = LIKELY_MEANING[path.at(-1)!];
    const key = path.join('.');
    // A nested key is compared with its siblings only: `taxonomies.series` is not a typo of `taxonomies.tags`.
    const parent = path.slice(0, -1).join('.');
    const siblings = parent
      ? rules.known.filter((k) => k.startsWith(`${parent}.`)).map((k) => k.slice(parent.length + 1))
      : rules.known.filter((k) => !k.includes('.'));
    const closest = suggestKey(path.at(-1)!, siblings);
    const suggestion = closest && (parent ? `${parent}.${closest}` : closest);
    issues.push({
      path,
      message: suggestion
        ? `unknown field. Did you mean "${suggestion}"? Fix the spelling or remove it.`
        : `unknown field: declare it in site.config.ts as frontmatter.fields: { ${JSON.stringify(key)}: z.string() } (any zod schema), ` +
          `map it onto a built-in field with frontmatter.rename: { ${JSON.stringify(key)}: '${meaning?.field ?? 'description'}' }, ` +
          `or drop it with frontmatter.ignore: [${JSON.stringify(key)}]. Built-in fields: ${BUILTIN_FIELDS.join(', ')}.` +
          (meaning?.presets.length ? ` frontmatter.preset ${meaning.presets.map((p) => `'${p}'`).join(' or ')} maps it already.` : ''),
    });
  };

  const visit = (key: string, value: unknown, parent: string[]) => {
    const path = [...parent, key];
    const dotted = path.join('.');
    if (parent.length === 0 && rules.declared.has(key)) declared[key] = value;
    else if (rules.rename.has(dotted)) assign(rules.rename.get(dotted)!, path, value);
    else if (rules.negate.has(dotted)) assign(rules.negate.get(dotted)!, path, typeof value === 'boolean' ? !value : value);
    else if (rules.ignore.has(dotted)) return;
    else if (parent.length === 0 && (BUILTIN_FIELDS as string[]).includes(key)) assign(key as BuiltinField, path, value);
    else if (isPlainObject(value) && [...rules.rename.keys(), ...rules.ignore].some((k) => k.startsWith(`${dotted}.`))) {
      // A table some of whose keys are mapped (Zola's [taxonomies]).
      for (const [child, childValue] of Object.entries(value)) visit(child, childValue, path);
    } else unknown(path);
  };
  for (const [key, value] of Object.entries(data)) visit(key, value, []);

  return { builtin, declared, sourceOf, issues };
}
