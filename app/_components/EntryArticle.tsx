import Link from 'next/link';
import { adjacentPosts, findTag, isListed, type Content, type Entry, type TocItem } from '@/lib/content';
import { blogPostingJsonLd } from '@/lib/seo';
import { DateLine } from './DateLine';
import { MarkdownPointer } from './MarkdownPointer';
import { TagList } from './TagList';

/** A post or standalone page: header, table of contents, body, and for posts the neighbours. */
export function EntryArticle({ content, entry }: { content: Content; entry: Entry }) {
  const { site } = content;
  const isPost = entry.kind === 'post';
  const { older, newer } = isPost ? adjacentPosts(content, entry) : {};
  // Full-text search indexes the article of listed entries only (lib/search/pagefind.ts).
  return (
    <article className="entry" {...(isListed(entry) ? { 'data-pagefind-body': '' } : {})}>
      <MarkdownPointer site={site} path={entry.path} />
      {isPost && (
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: blogPostingJsonLd(site, entry) }} />
      )}
      <header>
        <h1 data-pagefind-meta="title">{entry.title}</h1>
        {isPost ? <DateLine site={site} entry={entry} /> : entry.preview && <DateLine site={site} entry={entry} />}
        {/* Only tags with a page: a tag used by unlisted posts alone has none. */}
        {isPost && <TagList tags={entry.tags.filter((t) => findTag(content, t.slug))} />}
      </header>
      {entry.toc.length > 1 && (
        <nav className="toc" aria-labelledby="toc-title" data-pagefind-ignore="all">
          <h2 id="toc-title">Contents</h2>
          <ol>
            {nestToc(entry.toc).map(({ item, children }) => (
              <li key={item.id}>
                <a href={`#${item.id}`}>{item.text}</a>
                {children.length > 0 && (
                  <ol>
                    {children.map((child) => (
                      <li key={child.id}>
                        <a href={`#${child.id}`}>{child.text}</a>
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="prose" dangerouslySetInnerHTML={{ __html: entry.html }} />
      {(older || newer) && (
        <nav className="adjacent" aria-label="More posts" data-pagefind-ignore="all">
          {newer ? (
            <Link href={newer.path} rel="next">
              <span>Newer</span> {newer.title}
            </Link>
          ) : <span />}
          {older && (
            <Link href={older.path} rel="prev">
              <span>Older</span> {older.title}
            </Link>
          )}
        </nav>
      )}
    </article>
  );
}

/** h3 items under the h2 before them; an h3 before any h2 stands on its own. */
function nestToc(toc: TocItem[]): { item: TocItem; children: TocItem[] }[] {
  const groups: { item: TocItem; children: TocItem[] }[] = [];
  for (const item of toc) {
    const parent = groups.at(-1);
    if (item.depth === 3 && parent) parent.children.push(item);
    else groups.push({ item, children: [] });
  }
  return groups;
}
