import { z } from 'zod';

// The frontmatter schema: the one source of the built-in fields and their types. Dates stay strings
// here (YAML is read with the core schema, which has no timestamp type; TOML dates are turned back
// into their text) and become instants in the loader, which knows the site's time zone.

const dateText = z
  .string({ message: 'must be a date such as 2025-01-06 or 2025-01-06T09:30:00+01:00 (quote it if it has a colon)' })
  .min(1);

const sitePathOrUrl = z
  .string()
  .min(1)
  .refine((v) => /^(https?:\/\/|\/|\.{0,2}\/?[^:]+$)/.test(v), {
    message: 'must be an absolute http(s) URL, a site path such as /images/cover.png, or a file beside the post',
  });

/** A path on this site: `/old/url/`. Not `//host`, no query or fragment, no spaces. */
const sitePath = z.string().regex(/^\/(?!\/)[^\s?#]*$/, 'must be a site path starting with "/", e.g. /2019/05/old-name/');

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** YAML reads `title: 1984` and `tags: [2020]` as numbers: they are meant as text. */
const numberAsText = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);

export const frontmatterSchema = z.strictObject({
  title: z.preprocess(numberAsText, z.string({ message: 'is required: give the post a title, e.g. title: "My first post"' }).trim().min(1, 'must not be empty')),
  description: z.string().trim().min(1, 'must not be empty; remove it to derive one from the first paragraph').optional(),
  /** Required for posts, unless the file name starts with it (`2024-05-01-my-post.md`). */
  date: dateText.optional(),
  updated: dateText.optional(),
  tags: z
    .array(z.preprocess(numberAsText, z.string().trim().min(1, 'tags must not be empty strings')), { message: 'must be a list of strings, e.g. tags: [nextjs, feeds]' })
    .default([]),
  draft: z.boolean({ message: 'must be true or false' }).default(false),
  unlisted: z.boolean({ message: 'must be true or false' }).default(false),
  /** One name, or a list of names (Zola's `authors`), shown joined. */
  author: z
    .union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)], { message: 'must be a name, or a list of names' })
    .transform((v) => (Array.isArray(v) ? v.join(', ') : v))
    .optional(),
  image: sitePathOrUrl.optional(),
  canonical: z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).optional(),
  /** Overrides the file name as the entry's slug. */
  slug: z.string().regex(SLUG, 'must be a URL slug: lowercase letters, digits and hyphens, e.g. my-post').optional(),
  /** Earlier URLs of this entry (Hugo `aliases`, Jekyll `redirect_from`); one path or a list. */
  aliases: z
    .union([sitePath, z.array(sitePath)], { message: 'must be a site path or a list of them, e.g. [/old/url/]' })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .default([]),
  /** The URL this entry asks for (Jekyll `permalink`, Hugo `url`). */
  permalink: sitePath.optional(),
});

export type Frontmatter = z.output<typeof frontmatterSchema>;
export type BuiltinField = keyof Frontmatter;
export const BUILTIN_FIELDS = Object.keys(frontmatterSchema.shape) as BuiltinField[];
