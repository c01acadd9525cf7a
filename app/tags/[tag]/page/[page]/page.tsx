import type { Metadata } from 'next';
import { TagPage, tagPageMetadata } from '@/app/_components/TagPage';
import { getContent, listPageCount } from '@/lib/content';
import { isTagRegenerated } from '@/lib/incremental';
import { PLACEHOLDER_PARAM } from '@/lib/static-params';

type Props = { params: Promise<{ tag: string; page: string }> };

// `/tags/<tag>/page/2/` …: the pages after a tag's first, for tags with more than postsPerPage posts.

export async function generateStaticParams() {
  const content = await getContent();
  const params = content.tags.filter(({ tag }) => isTagRegenerated(tag.slug)).flatMap(({ tag, posts }) =>
    Array.from({ length: listPageCount(content, posts) - 1 }, (_, i) => ({ tag: tag.slug, page: String(i + 2) })),
  );
  return params.length ? params : [{ tag: PLACEHOLDER_PARAM, page: PLACEHOLDER_PARAM }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag, page } = await params;
  return tagPageMetadata(tag, Number(page));
}

export default async function Page({ params }: Props) {
  const { tag, page } = await params;
  return <TagPage tagParam={tag} page={Number(page)} />;
}
