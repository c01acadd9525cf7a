import type { Metadata } from 'next';
import Link from 'next/link';
import { getContent, postsByYear } from '@/lib/content';
import { displayDate, machineDate } from '@/lib/dates';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';
import { archivePath } from '@/lib/paths';

export const metadata: Metadata = pageMetadata(getSite(), { title: 'Archive', path: archivePath() });

export default async function ArchivePage() {
  const content = await getContent();
  const { site } = content;
  const years = postsByYear(content);
  return (
    <>
      <h1>Archive</h1>
      {years.length === 0 && <p>No posts yet.</p>}
      {years.map(({ year, posts }) => (
        <section key={year} aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>{year}</h2>
          <ul className="archive">
            {posts.map((post) => (
              <li key={post.slug}>
                <time dateTime={machineDate(post.date, site.timeZone)}>
                  {displayDate(post.date.instant, site.timeZone, site.language)}
                </time>{' '}
                <Link href={post.path}>{post.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
