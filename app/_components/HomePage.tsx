import { notFound } from 'next/navigation';
import { getContent, pageCount, postsOnPage } from '@/lib/content';
import { homePath } from '@/lib/paths';
import { websiteJsonLd } from '@/lib/seo';
import { MarkdownPointer } from './MarkdownPointer';
import { Pagination } from './Pagination';
import { PostList } from './PostList';

/** The home page and its numbered continuations (/page/2/ …). */
export async function HomePage({ page, path }: { page: number; path: string }) {
  const content = await getContent();
  const pages = pageCount(content);
  if (!Number.isInteger(page) || page < 1 || page > pages) notFound();
  return (
    <>
      {path === homePath() && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: websiteJsonLd(content.site) }} />}
      <MarkdownPointer site={content.site} path={path} />
      <section className="intro">
        <h1>{page === 1 ? content.site.title : `${content.site.title}: page ${page}`}</h1>
        {page === 1 && <p>{content.site.description}</p>}
      </section>
      <PostList site={content.site} posts={postsOnPage(content, page)} />
      <Pagination page={page} pages={pages} />
    </>
  );
}
