import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLValidator } from 'fast-xml-parser';
import jsonFeedSchema from 'jsonfeed-schema/schema-v1.1.json';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '@/lib/content';
import { feedChannel } from '@/lib/outputs/feed-items';
import { renderAtom, renderJsonFeed, renderRss } from '@/lib/outputs/feeds';
import { absoluteHtml } from '@/lib/outputs/absolute-links';
import { xmlSafe } from '@/lib/outputs/text';
import { hostileContent } from '../helpers/hostile-content';

let content: Content;
beforeAll(async () => {
  content = await hostileContent({ feeds: { items: 3 } });
});

const HOSTILE_TITLE = 'Tom & Jerry <b>bold</b> ]]> "quoted" \'apos\' bell';

describe('feed item model', () => {
  it('takes the newest listed posts up to feeds.items, never drafts, future or unlisted posts', () => {
    const channel = feedChannel(content);
    expect(channel.items.map((i) => i.url)).toEqual([
      'https://mdsite.example.com/blog/posts/xml-special/',
      'https://mdsite.example.com/blog/posts/long-title/',
      'https://mdsite.example.com/blog/posts/date-only/',
    ]);
    expect(channel.updated.toISOString()).toBe('2025-05-01T08:30:00.000Z');
  });

  it('strips the characters XML forbids and keeps emoji and CJK', () => {
    const item = feedChannel(content).items[0]!;
    expect(item.title).toBe(HOSTILE_TITLE);
    expect(item.html).not.toMatch(/[\u0001\u000c\u001f]/);
    expect(item.html).toContain('🎉🚀');
    expect(item.html).toContain('日本語のテキスト');
    expect(xmlSafe('a\u0000b\u0008c\td\ne\uFFFEf\uD800g😀')).toBe('abc\td\nefg😀');
  });

  it('makes every href, src and srcset absolute against the item URL', () => {
    const html = absoluteHtml('<a href="../x/">x</a><img src="/blog/p.png" srcset="a.png 1x, /b.png 2x"><a href="#f">f</a><a href="mailto:a@b.c">m</a>', 'https://e.com/blog/posts/p/');
    expect(html).toContain('href="https://e.com/blog/posts/x/"');
    expect(html).toContain('src="https://e.com/blog/p.png"');
    expect(html).toContain('srcset="https://e.com/blog/posts/p/a.png 1x, https://e.com/b.png 2x"');
    expect(html).toContain('href="https://e.com/blog/posts/p/#f"');
    expect(html).toContain('href="mailto:a@b.c"');
    const image = feedChannel(content, content.tags.find((t) => t.tag.name === '日本語')!.tag).items;
    expect(image.map((i) => i.url)).toEqual(['https://mdsite.example.com/blog/posts/xml-special/', 'https://mdsite.example.com/blog/posts/date-only/']);
  });
});

describe('RSS 2.0', () => {
  it('is well-formed, with escaped markup, split CDATA and RFC 822 dates, and parses back to the original text', async () => {
    const xml = renderRss(feedChannel(content));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<atom:link href="https://mdsite.example.com/blog/rss.xml" rel="self" type="application/rss+xml"/>');
    expect(xml).toMatch(/xmlns:content="http:\/\/purl.org\/rss\/1.0\/modules\/content\/"/);
    expect(xml).toContain('<pubDate>Thu, 01 May 2025 08:30:00 GMT</pubDate>');
    expect(xml).toContain('<guid isPermaLink="true">https://mdsite.example.com/blog/posts/xml-special/</guid>');
    expect(xml).toContain('<category domain="https://mdsite.example.com/blog/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/">日本語</category>');
    const feed = await extractFromXml(xml, { descriptionMaxLen: 0 });
    expect(feed.entries?.[0]?.title).toBe(HOSTILE_TITLE);
    expect(feed.entries?.map((e) => e.link)).toHaveLength(3);
  });

  it('names an author without email in dc:creator, one with email in author', () => {
    const channel = feedChannel(content);
    expect(renderRss(channel)).toContain('<author>hello@mdsite.example.com (The mdsite authors)</author>');
    const noEmail = { ...channel, items: channel.items.map((i) => ({ ...i, author: { name: 'Ann <Lee>' } })) };
    expect(renderRss(noEmail)).toContain('<dc:creator>Ann &lt;Lee&gt;</dc:creator>');
  });
});

describe('Atom 1.0', () => {
  it('is well-formed with ids, RFC 3339 updated and html-typed titles that keep their markup as text', async () => {
    const xml = renderAtom(feedChannel(content));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<link rel="self" href="https://mdsite.example.com/blog/atom.xml"/>');
    expect(xml).toContain('<id>https://mdsite.example.com/blog/posts/xml-special/</id>');
    expect(xml).toContain('<updated>2025-05-01T08:30:00.000Z</updated>');
    expect(xml).toContain('<![CDATA[Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; ]]&gt;');
    const feed = await extractFromXml(xml, { descriptionMaxLen: 0 });
    expect(feed.entries).toHaveLength(3);
  });
});

describe('JSON Feed 1.1', () => {
  it('validates against the JSON Feed schema and uses the 1.1 fields', async () => {
    const text = renderJsonFeed(feedChannel(content));
    const feed = JSON.parse(text);
    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    expect(ajv.validate(jsonFeedSchema, feed), JSON.stringify(ajv.errors)).toBe(true);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://mdsite.example.com/blog/feed.json');
    expect(feed.authors).toEqual([{ name: 'The mdsite authors' }]);
    expect(feed.author).toBeUndefined();
    expect(feed.items[0]).toMatchObject({ id: 'https://mdsite.example.com/blog/posts/xml-special/', title: HOSTILE_TITLE, date_published: '2025-05-01T08:30:00.000Z' });
    expect(feed.items[0].authors).toEqual([{ name: 'The mdsite authors' }]);
    expect((await extractFromJson(feed)).entries).toHaveLength(3);
  });
});
