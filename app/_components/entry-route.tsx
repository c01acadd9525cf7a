import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EntryArticle } from '@/app/_components/EntryArticle';
import { findPage, findPost, getContent, type Content, type Entry } from '@/lib/content';
import type { EntryKind } from '@/lib/content/model';
import { isRegenerated } from '@/lib/incremental';
import { pageMetadata } from '@/lib/seo';
import { staticParams } from '@/lib/static-params';

type Props = { params: Promise<{ slug: string }> };

/** generateStaticParams, generateMetadata and the page component of `/posts/[slug]` or `/[slug]`. */
export function entryRoute(kind: EntryKind) {
  const built = (content: Content): Entry[] => (kind === 'post' ? content.posts : content.pages);
  const find = kind === 'post' ? findPost : findPage;
  return {
    async generateStaticParams() {
      return staticParams('slug', built(await getContent()).filter(isRegenerated).map((e) => e.slug));
    },
    async generateMetadata({ params }: Props): Promise<Metadata> {
      const content = await getContent();
      const entry = find(content, (await params).slug);
      return entry ? pageMetadata(content.site, { title: entry.title, description: entry.description, path: entry.path, entry, content }) : {};
    },
    async Page({ params }: Props) {
      const content = await getContent();
      const entry = find(content, (await params).slug);
      if (!entry) notFound();
      return <EntryArticle content={content} entry={entry} />;
    },
  };
}
