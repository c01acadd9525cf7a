import siteConfig from '@/site.config';
import { buildContent, type Content, type Entry } from '@/lib/content';
import { resolveSite } from '@/lib/site';
import { slugify } from '@/lib/urls';

/**
 * A site of `posts` listed posts (and `pages` pages) built in memory without reading or rendering
 * markdown: for tests of list and llms outputs at sizes a fixture folder would take minutes to
 * render. Posts spread over `years` years and `tags` tags; each has a ~`bodyChars` body.
 */
export function syntheticContent({ posts = 1000, pages = 3, years = 5, tags = 40, bodyChars = 2000, basePath = '' } = {}): Content {
  const site = resolveSite(siteConfig, { BUILD_DATE: '2026-01-01T00:00:00Z', BASE_PATH: basePath, NODE_ENV: 'production' });
  const tagList = Array.from({ length: tags }, (_, i) => ({ name: `Topic ${i}`, slug: slugify(`Topic ${i}`) }));
  const paragraph = 'Static sites serve text that agents and feed readers read without a browser. ';
  const entry = (kind: Entry['kind'], i: number): Entry => {
    const slug = `${kind}-${i}`;
    const day = new Date(Date.UTC(2025 - (i % years), i % 12, 1 + (i % 28), 9));
    return {
      kind,
      slug,
      file: `${kind}s/${slug}.md`,
      path: kind === 'post' ? `/posts/${slug}/` : `/${slug}/`,
      title: `${kind === 'post' ? 'Post' : 'Page'} number ${i}: a title of ordinary length`,
      description: `What ${kind} ${i} is about, in one sentence of the length a description usually has.`,
      date: { instant: day, dateOnly: true },
      tags: kind === 'post' ? [tagList[i % tags]!, tagList[(i * 7 + 3) % tags]!] : [],
      author: site.author,
      draft: false,
      unlisted: false,
      visibility: 'listed',
      absoluteMarkdown: paragraph.repeat(Math.ceil(bodyChars / paragraph.length)),
      html: '<p>…</p>',
      toc: [],
      words: Math.round(bodyChars / 6),
      readingMinutes: 1,
      assets: [],
      fields: {} as Entry['fields'],
      aliases: [],
      siteLinks: [],
    } as Entry;
  };
  return buildContent(site, [
    ...Array.from({ length: posts }, (_, i) => entry('post', i)),
    ...Array.from({ length: pages }, (_, i) => entry('page', i)),
  ]);
}
