import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PostList } from '@/app/_components/PostList';
import { findTag, getContent } from '@/lib/content';
import { pageMetadata } from '@/lib/seo';
import { staticParams } from '@/lib/static-params';
import { tagPath } from '@/lib/paths';

type Props = { params: Promise<{ tag: string }> };

export const dynamicParams = false;

export async function generateStaticParams() {
  return staticParams('tag', (await getContent()).tags.map((t) => t.tag.slug));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const content = await getContent();
  const group = findTag(content, decodeURIComponent((await params).tag));
  if (!group) return {};
  return pageMetadata(content.site, {
    title: `Posts tagged “${group.tag.name}”`,
    description: `${group.posts.length} post${group.posts.length === 1 ? '' : 's'} about ${group.tag.name}.`,
    path: tagPath(group.tag.slug),
    tag: group.tag,
    content,
  });
}

export default async function TagPage({ params }: Props) {
  const content = await getContent();
  const group = findTag(content, decodeURIComponent((await params).tag));
  if (!group) notFound();
  return (
    <>
      <h1>Posts tagged “{group.tag.name}”</h1>
      <PostList site={content.site} posts={group.posts} />
    </>
  );
}
