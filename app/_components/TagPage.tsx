import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { findTag, getContent, listPageCount, onListPage, type Content } from '@/lib/content';
import { tagPath, twinOfPagePath } from '@/lib/paths';
import { postCount } from '@/lib/outputs/text';
import { pageMetadata } from '@/lib/seo';
import { MarkdownPointer } from './MarkdownPointer';
import { Pagination } from './Pagination';
import { PostList } from './PostList';

/** The tag a route's `tag` parameter names, and whether `page` is one of its pages. */
function tagPage(content: Content, tagParam: string, page: number) {
  const group = findTag(content, decodeURIComponent(tagParam));
  const pages = group ? listPageCount(content, group.posts) : 0;
  return group && Number.isInteger(page) && page >= 1 && page <= pages ? { group, pages } : undefined;
}

/**
 * The head of a tag's page: page 1 links the tag's feeds and markdown twin (owned by the tag in
 * the output table), a numbered page its own twin.
 */
export async function tagPageMetadata(tagParam: string, page: number): Promise<Metadata> {
  const content = await getContent();
  const found = tagPage(content, tagParam, page);
  if (!found) return {};
  const { tag, posts } = found.group;
  const path = tagPath(tag.slug, page);
  return pageMetadata(content.site, {
    title: page === 1 ? `Posts tagged “${tag.name}”` : `Posts tagged “${tag.name}”: page ${page}`,
    description: `${postCount(posts.length)} about ${tag.name}.`,
    path,
    ...(page === 1 ? { tag, content } : { markdownPath: twinOfPagePath(path) }),
  });
}

/** A tag's posts, newest first, `postsPerPage` to a page like the home list. */
export async function TagPage({ tagParam, page }: { tagParam: string; page: number }) {
  const content = await getContent();
  const found = tagPage(content, tagParam, page);
  if (!found) notFound();
  const { group, pages } = found;
  return (
    <>
      <MarkdownPointer site={content.site} path={tagPath(group.tag.slug, page)} />
      <h1>
        Posts tagged “{group.tag.name}”{page > 1 ? `: page ${page}` : ''}
      </h1>
      <PostList site={content.site} posts={onListPage(content, group.posts, page)} />
      <Pagination page={page} pages={pages} pathOf={(n) => tagPath(group.tag.slug, n)} />
    </>
  );
}
