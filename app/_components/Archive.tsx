import Link from 'next/link';
import type { PostEntry } from '@/lib/content';
import { displayDate, machineDate } from '@/lib/dates';
import { archivePath } from '@/lib/paths';
import type { Site } from '@/lib/site';

/** One year's posts of the archive: date and title, newest first. */
export function ArchiveYearList({ site, posts }: { site: Site; posts: PostEntry[] }) {
  return (
    <ul className="archive">
      {posts.map((post) => (
        <li key={post.path}>
          <time dateTime={machineDate(post.date, site.timeZone)}>{displayDate(post.date.instant, site.timeZone, site.language)}</time>{' '}
          <Link href={post.path}>{post.title}</Link>
        </li>
      ))}
    </ul>
  );
}

/** Links to the years beside one year's archive page, and to the archive. */
export function ArchiveYearNavigation({ newer, older }: { newer?: number; older?: number }) {
  return (
    <nav className="pagination" aria-label="Years">
      {newer !== undefined && <Link href={archivePath(newer)} rel="prev">← {newer}</Link>}
      <Link href={archivePath()}>All years</Link>
      {older !== undefined && <Link href={archivePath(older)} rel="next">{older} →</Link>}
    </nav>
  );
}
