import { z } from 'zod';
import type { Content, PostEntry } from '../content';
import { machineDate } from '../dates';
import { absoluteUrl, imageUrl } from '../urls';
import { feedHtml } from './feed-items';
import { feedPath, twinPath, tagPath } from '../paths';

// The JSON outputs. Each shape is a zod schema; the types are inferred from it, and the output
// checker and the tests validate the real files against the same schemas.

const rfc3339 = z.iso.datetime({ offset: true });
const dayOrDateTime = z.union([z.iso.date(), rfc3339]);

const tagRef = z.strictObject({ name: z.string(), slug: z.string(), url: z.url() });

export const postSummarySchema = z.strictObject({
  slug: z.string().min(1),
  url: z.url(),
  title: z.string().min(1),
  description: z.string(),
  /** `2025-01-06` for a date-only post, else a date-time with the site's offset. */
  date: dayOrDateTime,
  updated: dayOrDateTime.nullable(),
  tags: z.array(tagRef),
  readingMinutes: z.int().min(0),
  image: z.url().nullable(),
  markdownUrl: z.url(),
  /** The frontmatter fields site.config.ts declares (frontmatter.fields); absent when it declares none. */
  fields: z.record(z.string(), z.unknown()).optional(),
});
export const postsIndexSchema = z.strictObject({ posts: z.array(postSummarySchema) });
export const postDetailSchema = postSummarySchema.extend({ html: z.string(), markdown: z.string() });
export const tagsIndexSchema = z.strictObject({
  tags: z.array(
    tagRef.extend({
      count: z.int().min(1),
      feeds: z.strictObject({ rss: z.url(), atom: z.url(), json: z.url() }),
    }),
  ),
});

export type PostSummary = z.infer<typeof postSummarySchema>;
export type PostDetail = z.infer<typeof postDetailSchema>;

export function postSummary(content: Content, post: PostEntry): PostSummary {
  const { site } = content;
  const url = absoluteUrl(site, post.path);
  return {
    slug: post.slug,
    url,
    title: post.title,
    description: post.description,
    date: machineDate(post.date, site.timeZone),
    updated: post.updated ? machineDate(post.updated, site.timeZone) : null,
    tags: post.tags.map((t) => ({ name: t.name, slug: t.slug, url: absoluteUrl(site, tagPath(t.slug)) })),
    readingMinutes: post.readingMinutes,
    image: post.image ? imageUrl(site, post.image) : null,
    markdownUrl: absoluteUrl(site, twinPath(post)),
    ...(Object.keys(site.frontmatter.fields).length ? { fields: post.fields } : {}),
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** /api/posts.json: every listed post, newest first. */
export function renderPostsIndex(content: Content): string {
  return json({ posts: content.listedPosts.map((p) => postSummary(content, p)) });
}

/** /api/posts/<slug>.json: one listed post with its HTML and markdown (absolute URLs in both). */
export function renderPostDetail(content: Content, post: PostEntry): string {
  const summary = postSummary(content, post);
  return json({ ...summary, html: feedHtml(post, summary.url), markdown: post.absoluteMarkdown });
}

/** /api/tags.json: every tag with its listed-post count and feeds. */
export function renderTagsIndex(content: Content): string {
  const { site } = content;
  return json({
    tags: content.tags.map(({ tag, posts }) => ({
      name: tag.name,
      slug: tag.slug,
      url: absoluteUrl(site, tagPath(tag.slug)),
      count: posts.length,
      feeds: {
        rss: absoluteUrl(site, feedPath('rss', tag.slug)),
        atom: absoluteUrl(site, feedPath('atom', tag.slug)),
        json: absoluteUrl(site, feedPath('json', tag.slug)),
      },
    })),
  });
}
