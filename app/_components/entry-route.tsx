import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EntryArticle } from '@/app/_components/EntryArticle';
import { findEntry, getContent } from '@/lib/content';
import { isRegenerated } from '@/lib/incremental';
import { MAX_ENTRY_DEPTH } from '@/lib/paths';
import { pageMetadata } from '@/lib/seo';
import { PLACEHOLDER_PARAM } from '@/lib/static-params';

/** The dynamic segments of the entry routes, one per depth: app/[slug]/[p2]/…/page.tsx. */
export const ENTRY_SEGMENTS = ['slug', 'p2', 'p3', 'p4', 'p5'] as const;
type Params = Partial<Record<(typeof ENTRY_SEGMENTS)[number], string>>;
type Props = { params: Promise<Params> };

const segmentsOf = (sitePath: string) => sitePath.split('/').filter(Boolean);
const pathOf = (params: Params) => `/${ENTRY_SEGMENTS.flatMap((name) => params[name] ?? []).map((s) => decodeURIComponent(s)).join('/')}/`;

/**
 * generateStaticParams, generateMetadata and the page component of the posts and standalone pages
 * whose path has `depth` segments. Posts follow `permalinks.post` (`/posts/:slug/`, `/:slug/`,
 * `/:year/:month/:slug/` …), so one generic route per depth serves every pattern.
 */
export function entryRoute(depth: number) {
  if (depth < 1 || depth > MAX_ENTRY_DEPTH) throw new Error(`entry routes have 1 to ${MAX_ENTRY_DEPTH} segments`);
  const names = ENTRY_SEGMENTS.slice(0, depth);
  return {
    async generateStaticParams(): Promise<Params[]> {
      const content = await getContent();
      // An incremental export keeps the pages of unchanged entries from the previous one.
      const paths = [...content.posts, ...content.pages].filter(isRegenerated).map((e) => segmentsOf(e.path)).filter((s) => s.length === depth);
      // Next.js refuses an empty list; the build removes the placeholder (lib/static-params.ts).
      const list = paths.length ? paths : [names.map(() => PLACEHOLDER_PARAM)];
      return list.map((segments) => Object.fromEntries(names.map((name, i) => [name, segments[i]!])));
    },
    async generateMetadata({ params }: Props): Promise<Metadata> {
      const content = await getContent();
      const entry = findEntry(content, pathOf(await params));
      return entry ? pageMetadata(content.site, { title: entry.title, description: entry.description, path: entry.path, entry, content }) : {};
    },
    async Page({ params }: Props) {
      const content = await getContent();
      const entry = findEntry(content, pathOf(await params));
      if (!entry) notFound();
      return <EntryArticle content={content} entry={entry} />;
    },
  };
}
