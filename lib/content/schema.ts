import { z } from 'zod';

// The frontmatter schema: the one source of the frontmatter's fields and types. Dates stay strings
// here (YAML is read with the core schema, which has no timestamp type) and become instants in the
// loader, which knows the site's time zone.

const dateText = z
  .string({ message: 'must be a date such as 2025-01-06 or 2025-01-06T09:30:00+01:00 (quote it if it has a colon)' })
  .min(1);

const sitePathOrUrl = z
  .string()
  .min(1)
  .refine((v) => /^(https?:\/\/|\/|\.{0,2}\/?[^:]+$)/.test(v), {
    message: 'must be an absolute http(s) URL, a site path such as /images/cover.png, or a file beside the post',
  });

export const frontmatterSchema = z.strictObject({
  title: z.string({ message: 'is required: give the post a title, e.g. title: "My first post"' }).trim().min(1, 'must not be empty'),
  description: z.string().trim().min(1, 'must not be empty; remove it to derive one from the first paragraph').optional(),
  date: dateText,
  updated: dateText.optional(),
  tags: z
    .array(z.string().trim().min(1, 'tags must not be empty strings'), { message: 'must be a list of strings, e.g. tags: [nextjs, feeds]' })
    .default([]),
  draft: z.boolean({ message: 'must be true or false' }).default(false),
  unlisted: z.boolean({ message: 'must be true or false' }).default(false),
  author: z.string().trim().min(1).optional(),
  image: sitePathOrUrl.optional(),
  canonical: z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).optional(),
});

export type FrontmatterInput = z.input<typeof frontmatterSchema>;
export type Frontmatter = z.output<typeof frontmatterSchema>;
export const frontmatterKeys = Object.keys(frontmatterSchema.shape) as (keyof Frontmatter)[];
