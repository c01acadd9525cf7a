import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EntryArticle } from '@/app/_components/EntryArticle';
import { findPost, getContent } from '@/lib/content';
import { pageMetadata } from '@/lib/seo';
import { staticParams } from '@/lib/static-params';

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export async function generateStaticParams() {
  return staticParams('slug', (await getContent()).posts.map((p) => p.slug));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const content = await getContent();
  const post = findPost(content, (await params).slug);
  return post ? pageMetadata(content.site, { title: post.title, description: post.description, path: post.path, entry: post }) : {};
}

export default async function PostPage({ params }: Props) {
  const content = await getContent();
  const post = findPost(content, (await params).slug);
  if (!post) notFound();
  return <EntryArticle content={content} entry={post} />;
}
