import GithubSlugger from 'github-slugger';
import type { Site } from './site';

// Site-relative paths of every page kind. With `trailingSlash: true` each page is `x/index.html`, so
// page paths end in "/" everywhere: links, canonicals, sitemap.

export const homePath = (page = 1) => (page <= 1 ? '/' : `/page/${page}/`);
export const postPath = (slug: string) => `/posts/${slug}/`;
export const pagePath = (slug: string) => `/${slug}/`;
export const tagsPath = () => '/tags/';
export const tagPath = (tagSlug: string) => `/tags/${tagSlug}/`;
export const archivePath = () => '/archive/';

/** GitHub-style slug: "Web Dev" → "web-dev". */
export function slugify(text: string): string {
  return new GithubSlugger().slug(text);
}

/** A site-relative path with the base path in front: what goes into `href` and `src`. */
export function withBase(site: Pick<Site, 'basePath'>, sitePath: string): string {
  return `${site.basePath}${sitePath}`;
}

/**
 * An absolute URL for a site-relative path: canonicals, feeds, sitemaps. Non-ASCII slugs (a tag
 * such as "日本語") are percent-encoded, as in the canonical Next.js writes and as sitemaps require.
 */
export function absoluteUrl(site: Pick<Site, 'url' | 'basePath'>, sitePath: string): string {
  return `${site.url}${site.basePath}${encodeURI(sitePath)}`;
}

/** The absolute URL of a frontmatter image, which the loader leaves as an http(s) URL or a site path. */
export function imageUrl(site: Pick<Site, 'url' | 'basePath'>, image: string): string {
  return /^https?:\/\//.test(image) ? image : absoluteUrl(site, image);
}
