import type { Metadata } from 'next';
import Link from 'next/link';
import { getContent } from '@/lib/content';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';
import { tagPath, tagsPath, twinOfPagePath } from '@/lib/paths';
import { MarkdownPointer } from '@/app/_components/MarkdownPointer';

export const metadata: Metadata = pageMetadata(getSite(), { title: 'Tags', path: tagsPath(), markdownPath: twinOfPagePath(tagsPath()) });

export default async function TagsPage() {
  const { site, tags } = await getContent();
  return (
    <>
      <MarkdownPointer site={site} path={tagsPath()} />
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
