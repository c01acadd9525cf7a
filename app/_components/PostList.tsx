import Link from 'next/link';
import type { Entry } from '@/lib/content';
import type { Site } from '@/lib/site';
import { DateLine } from './DateLine';
import { TagList } from './TagList';

export function PostList({ site, posts }: { site: Site; posts: Entry[] }) {
  if (!posts.length) return <p>No posts yet.</p>;
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.slug}>
          <article>
            <h2>
              <Link href={post.path}>{post.title}</Link>
            </h2>
            <DateLine site={site} entry={post} />
            <p>{post.description}</p>
            <TagList tags={post.tags} />
          </article>
        </li>
      ))}
    </ol>
  );
}
