import type { Metadata } from 'next';
import Link from 'next/link';
import { archiveListsEveryPost, getContent, postsByYear } from '@/lib/content';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';
import { archivePath, twinOfPagePath } from '@/lib/paths';
import { postCount } from '@/lib/outputs/text';
import { ArchiveYearList } from '@/app/_components/Archive';
import { MarkdownPointer } from '@/app/_components/MarkdownPointer';

export const metadata: Metadata = pageMetadata(getSite(), { title: 'Archive', path: archivePath(), markdownPath: twinOfPagePath(archivePath()) });

/** Every listed post under its year; on a large site the years alone, each linking its own page. */
export default async function ArchivePage() {
  const content = await getContent();
  const { site } = content;
  const years = postsByYear(content);
  const everyPost = archiveListsEveryPost(content);
  return (
    <>
      <MarkdownPointer site={site} path={archivePath()} />
      <h1>Archive</h1>
      {years.length === 0 && <p>No posts yet.</p>}
      {everyPost ? (
        years.map(({ year, posts }) => (
          <section key={year} aria-labelledby={`year-${year}`}>
            <h2 id={`year-${year}`}>
              <Link href={archivePath(year)}>{year}</Link>
            </h2>
            <ArchiveYearList site={site} posts={posts} />
          </section>
        ))
      ) : (
        <ul className="tag-index">
          {years.map(({ year, posts }) => (
            <li key={year}>
              <Link href={archivePath(year)}>{year}</Link> <span className="count">({postCount(posts.length)})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
