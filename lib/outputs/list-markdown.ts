import { archiveListsEveryPost, archiveYear, listPageCount, onListPage, pageCount, postsByYear, postsOnPage, type Content, type PostEntry, type Tag } from '../content';
import { calendarDay } from '../dates';
import type { Site } from '../site';
import { absoluteUrl } from '../urls';
import { archivePath, feedPath, homePath, listPagePath, llmsPath, tagPath, tagsPath, twinOfPagePath, twinPath } from '../paths';
import { oneLine, postCount } from './text';

// Markdown twins of the list pages (home and its pages, archive, tag index, tag pages): what an
// agent that asks for text/markdown gets instead of the HTML list. Links point at markdown twins.

/** Text safe inside a markdown link's brackets or a list item: no markup, one line. */
export const markdownText = (text: string) => oneLine(text).replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);

/**
 * The lines under a twin's title that every twin carries: its page, its own markdown URL, and the
 * site's llms.txt, so an agent that landed on one file can find the rest.
 */
export function twinPointers(site: Site, pagePath: string, markdownPath = twinOfPagePath(pagePath)): string[] {
  return [
    `URL: ${absoluteUrl(site, pagePath)}`,
    `Markdown: ${absoluteUrl(site, markdownPath)}`,
    `Site index for language models: ${absoluteUrl(site, llmsPath())}`,
  ];
}

const document = (title: string, site: Site, pagePath: string, body: string[]) =>
  [`# ${markdownText(title)}`, '', ...twinPointers(site, pagePath), '', ...body, ''].join('\n');

function postItem(site: Site, post: PostEntry): string {
  const day = calendarDay(post.date.instant, site.timeZone);
  const tags = post.tags.length ? ` (${post.tags.map((t) => markdownText(t.name)).join(', ')})` : '';
  return `- ${day} [${markdownText(post.title)}](${absoluteUrl(site, twinPath(post))})${tags}: ${markdownText(post.description)}`;
}

const postList = (site: Site, posts: PostEntry[]) => (posts.length ? posts.map((p) => postItem(site, p)) : ['No posts yet.']);

/** One line per post, without description and tags: the archive lists every post, so it stays short. */
const shortItem = (site: Site, post: PostEntry) =>
  `- ${calendarDay(post.date.instant, site.timeZone)} [${markdownText(post.title)}](${absoluteUrl(site, twinPath(post))})`;

/** Links to the twins of the newer and older pages of a numbered list. */
function listNavigation(site: Site, page: number, pages: number, pathOf: (n: number) => string): string[] {
  const link = (n: number) => `[page ${n}](${absoluteUrl(site, twinOfPagePath(pathOf(n)))})`;
  const lines = [...(page > 1 ? [`Newer posts: ${link(page - 1)}`] : []), ...(page < pages ? [`Older posts: ${link(page + 1)}`] : [])];
  return lines.length ? ['', ...lines] : [];
}

/** The home page (page 1) or one of its continuations, newest posts first. */
export function renderHomeMarkdown(content: Content, page: number): string {
  const { site } = content;
  const pages = pageCount(content);
  return document(page === 1 ? site.title : `${site.title}: page ${page}`, site, homePath(page), [
    ...(page === 1 ? [oneLine(site.description), ''] : []),
    `Page ${page} of ${pages}. Every post by year: ${absoluteUrl(site, twinOfPagePath(archivePath()))}`,
    '',
    ...postList(site, postsOnPage(content, page)),
    ...listNavigation(site, page, pages, homePath),
  ]);
}

/** Every listed post by year, newest first; on a large site the years alone (as its HTML page). */
export function renderArchiveMarkdown(content: Content): string {
  const { site } = content;
  const years = postsByYear(content);
  const yearLink = (year: number) => `[${year}](${absoluteUrl(site, twinOfPagePath(archivePath(year)))})`;
  if (!years.length) return document('Archive', site, archivePath(), ['No posts yet.']);
  return document('Archive', site, archivePath(), archiveListsEveryPost(content)
    ? years.flatMap(({ year, posts }) => [`## ${yearLink(year)}`, '', ...posts.map((p) => shortItem(site, p)), ''])
    : years.map(({ year, posts }) => `- ${yearLink(year)}: ${postCount(posts.length)}`));
}

/** One year of the archive, with links to the years beside it. */
export function renderArchiveYearMarkdown(content: Content, year: number): string {
  const { site } = content;
  const { posts, newer, older } = archiveYear(content, year)!;
  const link = (y: number) => `[${y}](${absoluteUrl(site, twinOfPagePath(archivePath(y)))})`;
  return document(`Archive: ${year}`, site, archivePath(year), [
    `${postCount(posts.length)}. Every year: ${absoluteUrl(site, twinOfPagePath(archivePath()))}`,
    '',
    ...posts.map((p) => shortItem(site, p)),
    ...(newer !== undefined || older !== undefined ? [''] : []),
    ...(newer !== undefined ? [`Newer: ${link(newer)}`] : []),
    ...(older !== undefined ? [`Older: ${link(older)}`] : []),
  ]);
}

/** Every tag with its number of posts. */
export function renderTagsMarkdown(content: Content): string {
  const { site } = content;
  return document('Tags', site, tagsPath(), content.tags.length
    ? content.tags.map(({ tag, posts }) => `- [${markdownText(tag.name)}](${absoluteUrl(site, twinOfPagePath(tagPath(tag.slug)))}): ${postCount(posts.length)}`)
    : ['No tags yet.']);
}

/** One page of a tag's posts (as its HTML page has them), and the tag's feeds. */
export function renderTagMarkdown(content: Content, group: { tag: Tag; posts: PostEntry[] }, page = 1): string {
  const { site } = content;
  const { tag, posts } = group;
  const pages = listPageCount(content, posts);
  return document(page === 1 ? `Posts tagged “${tag.name}”` : `Posts tagged “${tag.name}”: page ${page}`, site, tagPath(tag.slug, page), [
    `Feeds of this tag: ${absoluteUrl(site, feedPath('rss', tag.slug))} (RSS), ${absoluteUrl(site, feedPath('atom', tag.slug))} (Atom), ${absoluteUrl(site, feedPath('json', tag.slug))} (JSON Feed)`,
    ...(pages > 1 ? ['', `Page ${page} of ${pages}, ${posts.length} posts.`] : []),
    '',
    ...postList(site, onListPage(content, posts, page)),
    ...listNavigation(site, page, pages, (n) => tagPath(tag.slug, n)),
  ]);
}

/**
 * The list pages' twins for the output table: `/index.md`, `/page/<n>.md` (page 1 too, whose
 * canonical is the home page), `/archive.md`, `/archive/<year>.md`, `/tags.md`, `/tags/<tag>.md` (owned by its tag, whose
 * page links it) and `/tags/<tag>/page/<n>.md` (linked by their own pages).
 */
export function listTwins(content: Content): { path: string; body(): string; tag?: Tag }[] {
  return [
    { path: twinOfPagePath(homePath()), body: () => renderHomeMarkdown(content, 1) },
    ...Array.from({ length: pageCount(content) }, (_, i) => ({ path: twinOfPagePath(listPagePath(i + 1)), body: () => renderHomeMarkdown(content, i + 1) })),
    { path: twinOfPagePath(archivePath()), body: () => renderArchiveMarkdown(content) },
    ...postsByYear(content).map(({ year }) => ({ path: twinOfPagePath(archivePath(year)), body: () => renderArchiveYearMarkdown(content, year) })),
    { path: twinOfPagePath(tagsPath()), body: () => renderTagsMarkdown(content) },
    ...content.tags.flatMap((group) => [
      { path: twinOfPagePath(tagPath(group.tag.slug)), tag: group.tag, body: () => renderTagMarkdown(content, group) },
      ...Array.from({ length: listPageCount(content, group.posts) - 1 }, (_, i) => ({
        path: twinOfPagePath(tagPath(group.tag.slug, i + 2)),
        body: () => renderTagMarkdown(content, group, i + 2),
      })),
    ]),
  ];
}
