import { llmsPath, twinOfPagePath } from '@/lib/paths';
import type { Site } from '@/lib/site';
import { withBase } from '@/lib/urls';

/**
 * A visually hidden first line for agents that read the HTML: where this page's markdown twin and
 * the site's llms.txt are. Plain <a>: next/link would add a slash to a file URL.
 */
export function MarkdownPointer({ site, path, markdownPath = twinOfPagePath(path) }: { site: Site; path: string; markdownPath?: string }) {
  return (
    <p className="sr-only" data-pagefind-ignore="">
      This page as markdown: <a href={withBase(site, markdownPath)}>{withBase(site, markdownPath)}</a>. Index of the site for
      language models: <a href={withBase(site, llmsPath())}>{withBase(site, llmsPath())}</a>.
    </p>
  );
}
