import Link from 'next/link';
import { homePath } from '@/lib/paths';

/** Newer / older links of a numbered list: the home page's by default, or a tag's (`pathOf`). */
export function Pagination({ page, pages, pathOf = homePath }: { page: number; pages: number; pathOf?: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      {page > 1 && <Link href={pathOf(page - 1)} rel="prev">← Newer posts</Link>}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && <Link href={pathOf(page + 1)} rel="next">Older posts →</Link>}
    </nav>
  );
}
