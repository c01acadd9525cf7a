import { absoluteMarkdownSource } from '../links/absolute-markdown';
import { absoluteUrl } from '../urls';
import { renderMarkdown, type LinkContext } from './markdown';
import type { Asset } from './model';
import type { Rendering } from './render-memo';
import { localFileLookup, publishedPathSet, sitePathLookup } from './site-paths';

// One markdown file's rendering, from plain data: the loader calls it file by file, and the build's
// render threads (render-threads.ts) call it with the same data handed to them.

/** A file to render: its key in the render memo, its path, its page's URL and its markdown body. */
export interface FileToRender {
  key: string;
  file: string;
  pagePath: string;
  body: string;
}

/** What relative links resolve against: the site's URL, every built entry with its files, and public/. */
export interface LinkTargets {
  siteUrl: string;
  basePath: string;
  built: { file: string; path: string; assets: Asset[] }[];
  /** Absolute path of public/, whose files site paths (`/images/a.png`) name. */
  publicDir: string;
}

type Resolvers = Pick<LinkContext, 'lookup' | 'isPublished'> & { localFile: ReturnType<typeof localFileLookup> };

/** The lookups built from the link targets, once per load (or per render thread). */
export const linkResolvers = (targets: LinkTargets): Resolvers => ({
  lookup: sitePathLookup(targets.built),
  isPublished: publishedPathSet(targets.built),
  localFile: localFileLookup(targets.built, targets.publicDir),
});

/** The file's HTML and what goes with it, and its markdown with every URL made absolute. */
export async function renderFile(job: FileToRender, targets: LinkTargets, resolvers: Resolvers): Promise<Rendering> {
  const { lookup, isPublished, localFile } = resolvers;
  const links: LinkContext = { file: job.file, basePath: targets.basePath, pagePath: job.pagePath, lookup, isPublished, imageFile: (src) => localFile(src, job.file) };
  const pageUrl = absoluteUrl({ url: targets.siteUrl, basePath: targets.basePath }, job.pagePath);
  return { ...(await renderMarkdown(job.body, links)), absoluteMarkdown: absoluteMarkdownSource(job.body, links, pageUrl) };
}
