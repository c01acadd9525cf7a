import type { z } from 'zod';
import { postDetailSchema, postsIndexSchema, tagsIndexSchema } from '@/lib/outputs/api';
import { formatIssues } from '@/lib/zod-errors';
import type { CheckContext } from './context';

function parseJson(ctx: CheckContext, file: string): unknown {
  try {
    return JSON.parse(ctx.read(file)) as unknown;
  } catch (error) {
    ctx.report(file, `is not valid JSON: ${(error as Error).message}`, ctx.sourceOf(file));
    return undefined;
  }
}

/** The JSON file matches its zod schema (the same schema its type comes from); its value, or undefined. */
function matchSchema<T>(ctx: CheckContext, file: string, schema: z.ZodType<T>): T | undefined {
  const value = parseJson(ctx, file);
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  ctx.report(file, `does not match its schema:\n${formatIssues(result.error.issues)}`, ctx.sourceOf(file));
  return undefined;
}

/** /api/posts.json: schema, and every URL it names resolves. Returns the URLs it lists. */
export function checkPostsApi(ctx: CheckContext, file: string): string[] {
  const posts = matchSchema(ctx, file, postsIndexSchema)?.posts ?? [];
  ctx.checkReferences(file, posts.flatMap((p) => [p.url, p.markdownUrl, ...(p.image ? [p.image] : [])]), ctx.urlOf(file));
  return posts.flatMap((p) => [p.url, p.markdownUrl]);
}

export const checkPostApi = (ctx: CheckContext, file: string) => void matchSchema(ctx, file, postDetailSchema);
export const checkTagsApi = (ctx: CheckContext, file: string) => void matchSchema(ctx, file, tagsIndexSchema);

/** The web app manifest has a name and icons, and its start URL and icons resolve. */
export function checkManifest(ctx: CheckContext, file: string): void {
  const value = parseJson(ctx, file) as { name?: string; start_url?: string; icons?: { src: string }[] } | undefined;
  if (!value) return;
  const icons = value.icons ?? [];
  if (!value.name || !icons.length) ctx.report(file, 'needs a name and icons');
  ctx.checkReferences(file, [String(value.start_url), ...icons.map((i) => i.src)], ctx.urlOf(file));
}

/** A JSON Resource Descriptor (RFC 7033): a subject and a links array. */
export function checkJrd(ctx: CheckContext, file: string): void {
  const value = parseJson(ctx, file) as Record<string, unknown> | undefined;
  if (value && (typeof value.subject !== 'string' || !Array.isArray(value.links))) ctx.report(file, 'is not a JRD (needs subject and links)');
}
