import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { archiveYear, getContent, postsByYear } from '@/lib/content';
import { postCount } from '@/lib/outputs/text';
import { pageMetadata } from '@/lib/seo';
import { archivePath, twinOfPagePath } from '@/lib/paths';
import { ArchiveYearList, ArchiveYearNavigation } from '@/app/_components/Archive';
import { MarkdownPointer } from '@/app/_components/MarkdownPointer';
import { staticParams } from '@/lib/static-params';

type Props = { params: Promise<{ year: string }> };

// `/archive/<year>/`: one year's posts. No `dynamicParams = false`: server mode also serves years
// that posts added after the build bring (404 for a year without posts).

export async function generateStaticParams() {
  return staticParams('year', postsByYear(await getContent()).map(({ year }) => String(year)));
}

async function yearOf(params: Props['params']) {
  const content = await getContent();
  const text = (await params).year;
  // Only the year as the archive writes it: `/archive/02024/` is not a second address of 2024.
  const group = String(Number.parseInt(text, 10)) === text ? archiveYear(content, Number(text)) : undefined;
  return { content, group };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { content, group } = await yearOf(params);
  if (!group) return {};
  const path = archivePath(group.year);
  return pageMetadata(content.site, { title: `Archive: ${group.year}`, description: `${postCount(group.posts.length)} from ${group.year}.`, path, markdownPath: twinOfPagePath(path) });
}

export default async function ArchiveYearPage({ params }: Props) {
  const { content, group } = await yearOf(params);
  if (!group) notFound();
  const path = archivePath(group.year);
  return (
    <>
      <MarkdownPointer site={content.site} path={path} />
      <h1>Archive: {group.year}</h1>
      <p>{postCount(group.posts.length)}</p>
      <ArchiveYearList site={content.site} posts={group.posts} />
      <ArchiveYearNavigation newer={group.newer} older={group.older} />
    </>
  );
}
