import GithubSlugger from 'github-slugger';
import type { Site } from './site';

// Turning site paths (lib/paths.ts) into the URLs pages and files carry.

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

/**
 * The absolute URL of a frontmatter image, which the loader leaves as an http(s) URL, a
 * protocol-relative one (`//cdn.example.com/c.png`, on the site's scheme) or a site path.
 */
export function imageUrl(site: Pick<Site, 'url' | 'basePath'>, image: string): string {
  if (/^https?:\/\//.test(image)) return image;
  return image.startsWith('//') ? new URL(image, site.url).href : absoluteUrl(site, image);
}
