import { describe, expect, it } from 'vitest';
import { buildContent } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { siteLinkIssues } from '@/lib/outputs/site-links';
import { makeContentDir, md, siteFor } from '../helpers/content';

describe('links to site paths', () => {
  it('are checked against every page and file the site will have, with file and line', async () => {
    const body = [
      'Fine: [archive](/archive/) [tag](/tags/web/) [feed](/rss.xml) [icon](/icon.svg) [other](/posts/other/#x)',
      '[page two](/page/1/) [twin](/posts/other.md) [about](/about) [card](/og/site.png)',
      '',
      'Broken: [nowhere](/nowhere/) ![gone](/images/gone.png)',
    ].join('\n');
    const dir = makeContentDir({
      'posts/a.md': md('title: A\ndate: 2025-01-02\ntags: [Web]\nimage: /images/cover-gone.png', body),
      'posts/other.md': md('title: Other\ndate: 2025-01-01\nimage: /icon.svg'),
      'pages/about.md': md('title: About\ndate: 2025-01-01'),
    });
    const site = siteFor(dir);
    const issues = siteLinkIssues(buildContent(site, await loadContent(site)));
    expect(issues.map((i) => `${i.file}:${i.line ?? i.field} ${i.message.split(':')[0]}`)).toEqual([
      'posts/a.md:image "/images/cover-gone.png" is no file of this site',
      'posts/a.md:11 link "/nowhere/" points to no page or file of this site',
      'posts/a.md:11 link "/images/gone.png" points to no page or file of this site',
    ]);
  }, 60_000);
});
