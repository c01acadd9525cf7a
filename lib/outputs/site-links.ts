import path from 'node:path';
import { listPageCount, pageCount, perContent, postsByYear, type Content } from '../content';
import { publicFiles } from '../content/site-paths';
import type { ContentIssue } from '../content/errors';
import { decodePath } from '../links/url';
import {
  archivePath, contactPath, contactThanksPath, homePath, listPagePath, subscribePath, subscribeThanksPath, tagPath, tagsPath,
} from '../paths';
import { redirects } from './redirects';
import { outputFileByPath } from './registry';

// Links to site paths (`/archive/`, `/posts/other/`) are checked when the content loads, with the
// file and line, against every page and file the site will have: entries, list pages, the output
// table's files, redirects and public/.

/** Every site path the site answers with a page or a file. */
export const knownSitePaths = perContent((content): Set<string> => {
  const pages = [
    homePath(), ...Array.from({ length: pageCount(content) }, (_, i) => listPagePath(i + 1)), tagsPath(), archivePath(),
    ...postsByYear(content).map(({ year }) => archivePath(year)),
    contactPath(), contactThanksPath(), subscribePath(), subscribeThanksPath(),
    ...content.tags.flatMap(({ tag, posts }) => Array.from({ length: listPageCount(content, posts) }, (_, i) => tagPath(tag.slug, i + 1))),
    ...[...content.posts, ...content.pages].map((e) => e.path),
    ...redirects(content).map((r) => r.from),
  ];
  return new Set([...pages, ...outputFileByPath(content).keys(), ...publicFiles(path.resolve('public'))]);
});

/** Whether a site path (with query or fragment, percent-escaped or not) lands on a page or file. */
function lands(known: Set<string>, url: string): boolean {
  const pathname = decodePath(url.replace(/[?#].*$/, '')) ?? url;
  const candidates = [pathname, pathname.replace(/index\.html$/, ''), `${pathname}/`];
  return candidates.some((p) => known.has(p));
}

/**
 * A content error for each link to a site path that lands on nothing, and for each frontmatter
 * `image` that names a site path of no file (found here, before the build, not by the output check).
 */
export function siteLinkIssues(content: Content): ContentIssue[] {
  const known = knownSitePaths(content);
  return [...content.posts, ...content.pages].flatMap((entry): ContentIssue[] => [
    ...(entry.image?.startsWith('/') && !entry.image.startsWith('//') && !lands(known, entry.image)
      ? [{ file: entry.file, field: 'image', message: `"${entry.image}" is no file of this site: put the picture at public${entry.image}, or beside the post and name it as ./<file>` }]
      : []),
    ...entry.siteLinks
      .filter((link) => !lands(known, link.url))
      .map((link) => ({
        file: entry.file,
        ...(link.line ? { line: link.line, column: link.column } : {}),
        message: `link "${link.url}" points to no page or file of this site: fix the path, or link the page's file (./other.md)`,
      })),
  ]);
}
