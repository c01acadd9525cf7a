import Link from 'next/link';
import { homePath } from '@/lib/paths';

export function Pagination({ page, pages }: { page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      {page > 1 && <Link href={homePath(page - 1)} rel="prev">← Newer posts</Link>}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && <Link href={homePath(page + 1)} rel="next">Older posts →</Link>}
    </nav>
  );
}
