import type { Metadata } from 'next';
import Link from 'next/link';
import { getContent } from '@/lib/content';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';
import { tagPath, tagsPath } from '@/lib/paths';

export const metadata: Metadata = pageMetadata(getSite(), { title: 'Tags', path: tagsPath() });

export default async function TagsPage() {
  const { tags } = await getContent();
  return (
    <>
      <h1>Tags</h1>
      {tags.length ? (
        <ul className="tag-index">
          {tags.map(({ tag, posts }) => (
            <li key={tag.slug}>
              <Link href={tagPath(tag.slug)}>#{tag.name}</Link> <span className="count">({posts.length})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No tags yet.</p>
      )}
    </>
  );
}
