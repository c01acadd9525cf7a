import Link from 'next/link';
import type { Tag } from '@/lib/content';
import { tagPath } from '@/lib/paths';

export function TagList({ tags }: { tags: Tag[] }) {
  if (!tags.length) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Link href={tagPath(tag.slug)}>#{tag.name}</Link>
        </li>
      ))}
    </ul>
  );
}
