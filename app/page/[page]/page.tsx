import type { Metadata } from 'next';
import { HomePage } from '@/app/_components/HomePage';
import { getContent, pageCount } from '@/lib/content';
import { isListKept } from '@/lib/incremental';
import { pageMetadata } from '@/lib/seo';
import { homePath, listPagePath, twinOfPagePath } from '@/lib/paths';

type Props = { params: Promise<{ page: string }> };

// No `dynamicParams = false`: the export writes the generated params only, and server mode also serves
// entries added after the build (404 for names that match none).

// Page 1 is generated too (never an empty list) and names the home page as its canonical. An
// incremental export may keep pages from the last one (never page 1: see keptLists).
export async function generateStaticParams() {
  const pages = pageCount(await getContent());
  return Array.from({ length: pages }, (_, i) => i + 1)
    .filter((n) => !isListKept(listPagePath(n)))
    .map((n) => ({ page: String(n) }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = Number((await params).page);
  const { site } = await getContent();
  return pageMetadata(site, { title: `Page ${page}`, path: listPagePath(page), canonicalPath: homePath(page), markdownPath: twinOfPagePath(listPagePath(page)) });
}

export default async function Page({ params }: Props) {
  const page = Number((await params).page);
  return <HomePage page={page} path={listPagePath(page)} />;
}
