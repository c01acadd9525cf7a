import path from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { decodePath, hasScheme } from './url';

// Rewrites the links and asset references of a rendered page to the URLs they are published at:
// content-relative files (`./other.md`, `diagram.png`, `../pages/about.md`) become their page or file
// URL, site paths (`/archive/`) get the base path. Links to nothing are reported on the file, with
// their position, for the loader's error list.

/** How relative links of one file are resolved; set per file on `vfile.data.linkContext`. */
export interface LinkContext {
  /** The file's path relative to the content folder, e.g. `posts/hello.md`. */
  file: string;
  basePath: string;
  /** Site path (without base path) of a content-relative file: a `.md` entry or a co-located asset. */
  lookup(contentRelativeFile: string): string | undefined;
  /** The page's own site path, e.g. `/posts/a/`: the base a browser resolves relative links against. */
  pagePath?: string;
  /** Whether a page or file is published at a site path: where the browser's reading of a link lands. */
  isPublished?(sitePath: string): boolean;
  /** The file on disk behind an image reference as written (`pic.png`, `/images/a.png`), for the site's own files. */
  imageFile?(src: string): string | undefined;
}

export interface LinkProblem {
  url: string;
  /** The content-relative file the link names, e.g. `posts/other.md`; absent when the URL is malformed. */
  target?: string;
  /** The site path a browser would fetch from the page, e.g. `/posts/other/`, when that is nothing either. */
  pageTarget?: string;
  line?: number;
  column?: number;
}

/** A link to a site path (`/archive/`), as written, with its position: checked once every page is known. */
export interface SiteLink {
  url: string;
  line?: number;
  column?: number;
}

declare module 'vfile' {
  interface DataMap {
    linkContext: LinkContext;
    brokenLinks: LinkProblem[];
    siteLinks: SiteLink[];
  }
}

const URL_ATTRIBUTES = ['href', 'src', 'poster'] as const;

/**
 * The final URL of a reference in `context.file`. A relative one is read first as a path from the
 * content file (`./other.md`, `diagram.png`), then as a browser reads it from the page's URL
 * (`../other-post/` from `/posts/a/`); when neither lands on a published page or file, both
 * readings are returned for the error message.
 */
export function resolveUrl(url: string, context: LinkContext): string | { missing: string; pageTarget?: string } | { malformed: true } {
  if (hasScheme(url) || url.startsWith('//') || url.startsWith('#') || url.startsWith('?')) return url;
  if (url.startsWith('/')) return `${context.basePath}${url}`;
  const [, target = '', suffix = ''] = /^([^?#]*)(.*)$/.exec(url) ?? [];
  const decoded = decodePath(target);
  if (decoded === undefined) return { malformed: true };
  const contentFile = path.posix.normalize(path.posix.join(path.posix.dirname(context.file), decoded));
  // A folder post may be linked by its folder (`./hello/`) as well as by `./hello/index.md`.
  const sitePath = context.lookup(contentFile) ?? context.lookup(`${contentFile.replace(/\/$/, '')}/index.md`);
  if (sitePath !== undefined) return `${context.basePath}${sitePath}${suffix}`;
  if (!context.pagePath || !context.isPublished) return { missing: contentFile };
  const pageTarget = decodePath(new URL(target, `https://site.invalid${context.pagePath}`).pathname)!;
  return context.isPublished(pageTarget) ? `${context.basePath}${pageTarget}${suffix}` : { missing: contentFile, pageTarget };
}

/** The unified plugin: rewrites `href`, `src` and `poster` in place and records what is broken. */
export default function rehypeSiteLinks() {
  return (tree: Root, file: VFile) => {
    const context = file.data.linkContext;
    if (!context) return;
    const broken: LinkProblem[] = (file.data.brokenLinks = []);
    const siteLinks: SiteLink[] = (file.data.siteLinks = []);
    visit(tree, 'element', (node: Element) => {
      for (const attribute of URL_ATTRIBUTES) {
        const value = node.properties[attribute];
        if (typeof value !== 'string' || value === '') continue;
        const position = { line: node.position?.start.line, column: node.position?.start.column };
        if (value.startsWith('/') && !value.startsWith('//')) siteLinks.push({ url: value, ...position });
        const resolved = resolveUrl(value, context);
        if (typeof resolved === 'string') {
          node.properties[attribute] = resolved;
          continue;
        }
        const named = 'missing' in resolved ? { target: resolved.missing, ...(resolved.pageTarget ? { pageTarget: resolved.pageTarget } : {}) } : {};
        broken.push({ url: value, ...named, ...position });
      }
    });
  };
}
