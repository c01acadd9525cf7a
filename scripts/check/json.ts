import type { z } from 'zod';
import { postDetailSchema, postsIndexSchema, tagsIndexSchema } from '@/lib/outputs/api';
import { formatIssues } from '@/lib/zod-errors';
import type { CheckContext } from './context';

/** Each JSON output matches its zod schema (the same schema its type comes from). */
export function checkJson(ctx: CheckContext): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  const check = (file: string, schema: z.ZodType) => {
    if (!ctx.has(file)) return;
    try {
      const value = JSON.parse(ctx.read(file)) as unknown;
      const result = schema.safeParse(value);
      if (result.success) parsed[file] = result.data;
      else ctx.report(file, `does not match its schema:\n${formatIssues(result.error.issues)}`, ctx.sourceOf(file));
    } catch (error) {
      ctx.report(file, `is not valid JSON: ${(error as Error).message}`, ctx.sourceOf(file));
    }
  };
  check('api/posts.json', postsIndexSchema);
  check('api/tags.json', tagsIndexSchema);
  for (const file of ctx.files.filter((f) => /^api\/posts\/[^/]+\.json$/.test(f))) check(file, postDetailSchema);
  for (const file of ['manifest.webmanifest', '.well-known/webfinger']) {
    if (!ctx.has(file)) continue;
    try {
      const value = JSON.parse(ctx.read(file)) as Record<string, unknown>;
      if (file === '.well-known/webfinger' && (typeof value.subject !== 'string' || !Array.isArray(value.links))) ctx.report(file, 'is not a JRD (needs subject and links)');
      if (file === 'manifest.webmanifest') {
        const icons = (value.icons as { src: string }[] | undefined) ?? [];
        if (!value.name || !icons.length) ctx.report(file, 'needs a name and icons');
        ctx.checkReferences(file, [String(value.start_url), ...icons.map((i) => i.src)], ctx.urlOf(file));
      }
    } catch (error) {
      ctx.report(file, `is not valid JSON: ${(error as Error).message}`);
    }
  }
  return parsed;
}
