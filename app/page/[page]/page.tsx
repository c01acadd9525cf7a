import type { Metadata } from 'next';
import { HomePage } from '@/app/_components/HomePage';
import { getContent, pageCount } from '@/lib/content';
import { pageMetadata } from '@/lib/seo';
import { homePath, listPagePath } from '@/lib/paths';

type Props = { params: Promise<{ page: string }> };

export const dynamicParams = false;

// Page 1 is generated too (never an empty list) and names the home page as its canonical.
export async function generateStaticParams() {
  const pages = pageCount(await getContent());
  return Array.from({ length: pages }, (_, i) => ({ page: String(i + 1) }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = Number((await params).page);
  const { site } = await getContent();
  return pageMetadata(site, { title: `Page ${page}`, path: listPagePath(page), canonicalPath: homePath(page) });
}

export default async function Page({ params }: Props) {
  return <HomePage page={Number((await params).page)} />;
}
