import type { Visibility } from './model';

export interface PublicationInput {
  draft: boolean;
  unlisted: boolean;
  /** Undefined for a standalone page without a date. */
  date?: Date;
}

export interface PublicationContext {
  /** The "now" of the build (BUILD_DATE or the real time). */
  buildDate: Date;
  isDevelopment: boolean;
}

export interface Publication {
  visibility: Visibility;
  preview?: 'draft' | 'scheduled';
}

/**
 * The publication rule, the only place that decides what is public and what is listed.
 * - Drafts and posts dated after the build time are left out of production builds; in development
 *   they are listed with a badge so authors can preview them.
 * - Unlisted entries are built and reachable (with noindex) but appear in no list, feed, sitemap or
 *   llms file.
 */
export function publication(entry: PublicationInput, context: PublicationContext): Publication {
  const preview = entry.draft ? 'draft' : entry.date && entry.date.getTime() > context.buildDate.getTime() ? 'scheduled' : undefined;
  if (preview && !context.isDevelopment) return { visibility: 'hidden' };
  return { visibility: entry.unlisted ? 'unlisted' : 'listed', ...(preview ? { preview } : {}) };
}

/** Built at all (reachable by URL). */
export const isPublic = (entry: { visibility: Visibility }) => entry.visibility !== 'hidden';
/** Shown in lists, feeds, sitemaps and llms files. */
export const isListed = (entry: { visibility: Visibility }) => entry.visibility === 'listed';
