import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EntryArticle } from '@/app/_components/EntryArticle';
import { findPage, getContent } from '@/lib/content';
import { pageMetadata } from '@/lib/seo';
import { staticParams } from '@/lib/static-params';

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export async function generateStaticParams() {
  return staticParams('slug', (await getContent()).pages.map((p) => p.slug));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const content = await getContent();
  const page = findPage(content, (await params).slug);
  return page ? pageMetadata(content.site, { title: page.title, description: page.description, path: page.path, entry: page }) : {};
}

export default async function StandalonePage({ params }: Props) {
  const content = await getContent();
  const page = findPage(content, (await params).slug);
  if (!page) notFound();
  return <EntryArticle content={content} entry={page} />;
}
