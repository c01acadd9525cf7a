import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import jsonFeedSchema from 'jsonfeed-schema/schema-v1.1.json';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, type Content } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { absoluteHtml } from '@/lib/outputs/absolute-links';
import { rfc3339Date, rfc822Date } from '@/lib/outputs/feed-dates';
import { feedArchive, feedArchiveCount, feedChannel } from '@/lib/outputs/feed-items';
import { renderAtom, renderJsonFeed, renderRss } from '@/lib/outputs/feeds';
import { outputFiles } from '@/lib/outputs/registry';
import { xmlSafe } from '@/lib/outputs/text';
import { resolveSite } from '@/lib/site';
import rawConfig from '@/site.config';
import { CheckContext } from '@/scripts/check/context';
import { checkFeed, checkFeedPaging } from '@/scripts/check/feeds';
import { checkXmlFiles, xmlError } from '@/scripts/check/xml';
import { makeContentDir, md } from '../helpers/content';
import { hostileContent } from '../helpers/hostile-content';
import { systemTool } from '../setup/system-tools';

let content: Content;
beforeAll(async () => {
  content = await hostileContent({ feeds: { items: 3 } });
});

const HOSTILE_TITLE = 'Tom & Jerry <b>bold</b> ]]> "quoted" \'apos\' bell';

/** Content from markdown files, as the build loads it: Europe/Berlin, production, built 2026-01-01. */
async function contentOf(files: Record<string, string>, config: Record<string, unknown> = {}): Promise<Content> {
  const site = resolveSite({ ...rawConfig, timeZone: 'Europe/Berlin', ...config }, { NODE_ENV: 'production', BUILD_DATE: '2026-01-01T00:00:00Z', CONTENT_DIR: makeContentDir(files) });
  return buildContent(site, await loadContent(site));
}

/** `count` posts dated one day apart from 2024-01-01, tagged "even" or "odd". */
const posts = (count: number, from = 0) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => {
      const n = from + i + 1;
      const day = new Date(Date.UTC(2024, 0, n)).toISOString().slice(0, 10);
      return [`posts/p${n}.md`, md(`title: Post ${n}\ndate: ${day}\ntags: [${n % 2 ? 'odd' : 'even'}]`)];
    }),
  );

/** The files of every feed row of the output table: subscription feeds and archives, site and tags. */
const feedFiles = (c: Content) => outputFiles(c).filter(({ row }) => row.checks.some((check) => ['rss', 'atom', 'json-feed'].includes(check)));

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

describe('feed dates keep the author’s calendar day', () => {
  it('writes RFC 822 and RFC 3339 in the zone’s offset at that instant, summer and winter', () => {
    const berlinWinter = new Date('2024-03-01T00:00:00+01:00');
    expect(rfc822Date(berlinWinter, 'Europe/Berlin')).toBe('Fri, 01 Mar 2024 00:00:00 +0100');
    expect(rfc3339Date(berlinWinter, 'Europe/Berlin')).toBe('2024-03-01T00:00:00+01:00');
    const berlinSummer = new Date('2024-07-15T09:05:07+02:00');
    expect(rfc822Date(berlinSummer, 'Europe/Berlin')).toBe('Mon, 15 Jul 2024 09:05:07 +0200');
    expect(rfc3339Date(new Date('2024-01-06T23:30:00-05:00'), 'America/New_York')).toBe('2024-01-06T23:30:00-05:00');
    expect(rfc822Date(new Date('2024-01-06T05:30:00+05:30'), 'Asia/Kolkata')).toBe('Sat, 06 Jan 2024 05:30:00 +0530');
    expect(rfc3339Date(new Date('2024-01-06T00:00:00Z'), 'UTC')).toBe('2024-01-06T00:00:00+00:00');
  });

  it('puts a date-only post on its own day in every format, not the evening before in GMT', async () => {
    const c = await contentOf({ 'posts/leap.md': md('title: Leap\ndate: 2024-03-01') });
    const channel = feedChannel(c);
    expect(renderRss(channel)).toContain('<pubDate>Fri, 01 Mar 2024 00:00:00 +0100</pubDate>');
    expect(renderAtom(channel)).toContain('<published>2024-03-01T00:00:00+01:00</published>');
    expect(JSON.parse(renderJsonFeed(channel)).items[0].date_published).toBe('2024-03-01T00:00:00+01:00');
  });
});

describe('text that contains "]]>" stays text', () => {
  const NASTY = 'a ]]> b ]]> c ]]]]> <x>';
  let c: Content;
  beforeAll(async () => {
    c = await contentOf({
      'posts/nasty.md': md(`title: "${NASTY}"\ndescription: "d ]]> ]]> ]]> <script>"\ndate: 2024-03-01\ntags: ["t ]]> ]]>"]`, 'Body ]]> one ]]> two ]]> three.\n\n```\n<![CDATA[ x ]]> ]]>\n```'),
    });
  });

  for (const [name, render] of [['RSS', renderRss], ['Atom', renderAtom]] as const) {
    it(`${name} is well-formed for a strict parser and reads back to the original text`, async () => {
      const xml = render(feedChannel(c));
      expect(xmlError(xml)).toBeUndefined();
      expect(xml).not.toContain('<![CDATA[');
      const parsed = JSON.stringify(await extractFromXml(xml, { descriptionMaxLen: 0, normalization: false }));
      expect(parsed).toContain(JSON.stringify(NASTY));
      expect(parsed).toContain('Body ]]> one ]]> two ]]> three.');
      expect(parsed).toContain('t ]]> ]]>');
      expect(parsed).toContain('d ]]> ]]> ]]> <script>');
    });
  }

  it('no element can be injected through a title', () => {
    const xml = renderRss(feedChannel(c));
    expect(xml).toContain('<title>a ]]&gt; b ]]&gt; c ]]]]&gt; &lt;x&gt;</title>');
    expect(xml.match(/<item>/g)).toHaveLength(1);
  });

  it('the strict parser of the output check refuses what the old CDATA splitting produced', () => {
    expect(xmlError('<rss><channel><title><![CDATA[a ]]]]><![CDATA[> b]]> ]]></title></channel></rss>')?.message).toMatch(/\]\]>/);
    expect(xmlError('<a>ok ]]&gt;</a>')).toBeUndefined();
  });
});

describe('RSS 2.0', () => {
  it('is well-formed, with escaped markup and RFC 822 dates, and parses back to the original text', async () => {
    const xml = renderRss(feedChannel(content));
    expect(xmlError(xml)).toBeUndefined();
    expect(xml).toContain('<atom:link href="https://mdsite.example.com/blog/rss.xml" rel="self" type="application/rss+xml"/>');
    expect(xml).toMatch(/xmlns:content="http:\/\/purl.org\/rss\/1.0\/modules\/content\/"/);
    expect(xml).toContain('<pubDate>Thu, 01 May 2025 10:30:00 +0200</pubDate>');
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
  it('is well-formed with ids, RFC 3339 dates and plain-text titles that keep their markup as text', async () => {
    const xml = renderAtom(feedChannel(content));
    expect(xmlError(xml)).toBeUndefined();
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://mdsite.example.com/blog/atom.xml"/>');
    expect(xml).toContain('<id>https://mdsite.example.com/blog/posts/xml-special/</id>');
    expect(xml).toContain('<updated>2025-05-01T10:30:00+02:00</updated>');
    expect(xml).toContain('<title>Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; ]]&gt;');
    const feed = await extractFromXml(xml, { descriptionMaxLen: 0 });
    expect(feed.entries).toHaveLength(3);
    expect(feed.entries?.[0]?.title).toBe(HOSTILE_TITLE);
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
    expect(feed.items[0]).toMatchObject({ id: 'https://mdsite.example.com/blog/posts/xml-special/', title: HOSTILE_TITLE, date_published: '2025-05-01T10:30:00+02:00' });
    expect(feed.items[0].authors).toEqual([{ name: 'The mdsite authors' }]);
    expect((await extractFromJson(feed)).entries).toHaveLength(3);
  });
});

describe('WebSub', () => {
  it('names the configured hub in subscription feeds only', async () => {
    const c = await contentOf(posts(5), { feeds: { items: 2, websub: { hub: 'https://hub.example/' } } });
    expect(renderRss(feedChannel(c))).toContain('<atom:link href="https://hub.example/" rel="hub"/>');
    expect(renderAtom(feedChannel(c))).toContain('<link rel="hub" href="https://hub.example/"/>');
    expect(JSON.parse(renderJsonFeed(feedChannel(c))).hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example/' }]);
    const tag = c.tags[0]!.tag;
    expect(renderAtom(feedChannel(c, tag))).toContain('rel="hub"');
    expect(renderRss(feedArchive(c, 1))).not.toContain('rel="hub"');
    const none = await contentOf(posts(1));
    expect(renderRss(feedChannel(none))).not.toContain('rel="hub"');
    expect(JSON.parse(renderJsonFeed(feedChannel(none))).hubs).toBeUndefined();
  });
});

describe('paged and archived feeds (RFC 5005)', () => {
  const ids = (channel: ReturnType<typeof feedChannel>) => channel.items.map((i) => i.id.replace(/.*\/posts\/(p\d+)\/$/, '$1'));

  it('archives full pages of feeds.items posts counted from the oldest, and the subscription feed holds the rest', async () => {
    const c = await contentOf(posts(7), { feeds: { items: 3 } });
    expect(feedArchiveCount(c)).toBe(2);
    expect(ids(feedArchive(c, 1))).toEqual(['p3', 'p2', 'p1']);
    expect(ids(feedArchive(c, 2))).toEqual(['p6', 'p5', 'p4']);
    expect(ids(feedChannel(c))).toEqual(['p7', 'p6', 'p5']);
    expect(() => feedArchive(c, 3)).toThrow(/does not exist/);
    // Tag feeds are archived the same way: 4 odd posts, 3 even.
    const odd = c.tags.find((t) => t.tag.slug === 'odd')!.tag;
    expect(feedArchiveCount(c, odd)).toBe(1);
    expect(ids(feedArchive(c, 1, odd))).toEqual(['p5', 'p3', 'p1']);
  });

  it('keeps every archived page’s posts and path when new posts arrive', async () => {
    const before = await contentOf(posts(7), { feeds: { items: 3 } });
    const after = await contentOf({ ...posts(7), ...posts(3, 7) }, { feeds: { items: 3 } });
    expect(feedArchiveCount(after)).toBe(3);
    for (const n of [1, 2]) {
      expect(ids(feedArchive(after, n))).toEqual(ids(feedArchive(before, n)));
      expect(feedArchive(after, n).links.rss.self).toBe(feedArchive(before, n).links.rss.self);
    }
    expect(ids(feedArchive(after, 3))).toEqual(['p9', 'p8', 'p7']);
  });

  it('links every document: first, last, next, previous, current, prev-archive and next-archive', async () => {
    const c = await contentOf(posts(7), { feeds: { items: 3 } });
    const url = (p: string) => `https://mdsite.example.com${p}`;
    expect(feedChannel(c).links.atom).toEqual({
      self: url('/atom.xml'), current: url('/atom.xml'), first: url('/atom.xml'), last: url('/feeds/archive/1/atom.xml'),
      next: url('/feeds/archive/2/atom.xml'), prevArchive: url('/feeds/archive/2/atom.xml'),
    });
    expect(feedArchive(c, 2).links.rss).toEqual({
      self: url('/feeds/archive/2/rss.xml'), current: url('/rss.xml'), first: url('/rss.xml'), last: url('/feeds/archive/1/rss.xml'),
      previous: url('/rss.xml'), next: url('/feeds/archive/1/rss.xml'), prevArchive: url('/feeds/archive/1/rss.xml'),
    });
    expect(feedArchive(c, 1).links.json).toEqual({
      self: url('/feeds/archive/1/feed.json'), current: url('/feed.json'), first: url('/feed.json'), last: url('/feeds/archive/1/feed.json'),
      previous: url('/feeds/archive/2/feed.json'), nextArchive: url('/feeds/archive/2/feed.json'),
    });
    const archive = renderAtom(feedArchive(c, 2));
    expect(archive).toContain('<fh:archive/>');
    expect(archive).toContain('xmlns:fh="http://purl.org/syndication/history/1.0"');
    expect(archive).toContain('<id>https://mdsite.example.com/atom.xml</id>');
    expect(xmlError(archive)).toBeUndefined();
    expect(renderRss(feedArchive(c, 1))).toMatch(/<fh:archive\/>/);
    expect(renderRss(feedChannel(c))).not.toContain('fh:archive');
    expect(JSON.parse(renderJsonFeed(feedArchive(c, 2)))).toMatchObject({ feed_url: url('/feed.json'), next_url: url('/feeds/archive/1/feed.json') });
    expect(JSON.parse(renderJsonFeed(feedArchive(c, 1))).next_url).toBeUndefined();
  });

  it('a feed that fits in one document has no paging links and no archives', async () => {
    const c = await contentOf(posts(3), { feeds: { items: 3 } });
    expect(feedArchiveCount(c)).toBe(0);
    expect(feedChannel(c).links.rss).toEqual({ self: 'https://mdsite.example.com/rss.xml', current: 'https://mdsite.example.com/rss.xml' });
    expect(feedFiles(c).filter(({ file }) => file.path.includes('/archive/'))).toEqual([]);
  });

  it('python3-feedparser, feed-extractor and the JSON Feed schema walk every feed to every listed post', async () => {
    const c = await contentOf(posts(11), { feeds: { items: 3 } });
    const documents = Object.fromEntries(
      await Promise.all(feedFiles(c).map(async ({ file }) => [`https://mdsite.example.com${encodeURI(file.path)}`, String(await file.body())] as const)),
    );
    const starts = Object.keys(documents).filter((u) => !u.includes('/archive/'));
    const expected = (start: string) => {
      const tag = /\/tags\/([^/]+)\//.exec(start)?.[1];
      const list = tag ? c.tags.find((t) => t.tag.slug === tag)!.posts : c.listedPosts;
      return list.map((p) => `https://mdsite.example.com${p.path}`).sort();
    };
    expect(starts).toHaveLength(9);

    // feedparser follows rel="next" (RSS and Atom) from each subscription feed.
    const script = `
import feedparser, json, sys
docs = json.load(sys.stdin)
out = {}
for start in json.loads(sys.argv[1]):
    url, seen, pages = start, [], 0
    while url:
        d = feedparser.parse(docs[url])
        if d.bozo: raise SystemExit(url + ': ' + str(d.bozo_exception))
        seen += [e.link for e in d.entries]
        pages += 1
        url = next((l.href for l in d.feed.get('links', []) if l.rel == 'next'), None)
    out[start] = {'links': seen, 'pages': pages}
print(json.dumps(out))`;
    const xmlStarts = starts.filter((u) => u.endsWith('.xml'));
    const run = spawnSync(systemTool('feedparser'), ['-c', script, JSON.stringify(xmlStarts)], { input: JSON.stringify(documents), encoding: 'utf8' });
    expect(run.status, `python3-feedparser (apt install python3-feedparser): ${run.stderr}`).toBe(0);
    const walked = JSON.parse(run.stdout) as Record<string, { links: string[]; pages: number }>;
    for (const start of xmlStarts) {
      expect([...new Set(walked[start]!.links)].sort(), start).toEqual(expected(start));
    }
    expect(walked['https://mdsite.example.com/rss.xml']!.pages).toBe(4);

    // JSON Feed: next_url, each page valid against the schema; feed-extractor reads each page.
    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    for (const start of starts.filter((u) => u.endsWith('.json'))) {
      const seen: string[] = [];
      for (let url: string | undefined = start; url; ) {
        const page = JSON.parse(documents[url]!);
        expect(ajv.validate(jsonFeedSchema, page), `${url}: ${JSON.stringify(ajv.errors)}`).toBe(true);
        seen.push(...(await extractFromJson(page)).entries!.map((e) => e.link!));
        url = page.next_url;
      }
      expect([...new Set(seen)].sort(), start).toEqual(expected(start));
    }
    // feed-extractor reads every archive document too.
    for (const [url, body] of Object.entries(documents).filter(([u]) => u.includes('/archive/') && u.endsWith('.xml'))) {
      expect((await extractFromXml(body)).entries?.length, url).toBeGreaterThan(0);
    }
  });
});

describe('the output check of feeds', () => {
  /** Writes every feed file of the content into a fresh folder and runs the feed checks on it. */
  async function checkFeedsOf(c: Content, damage: (dir: string) => void = () => {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-feeds-'));
    for (const { file } of feedFiles(c)) {
      fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, file.path), await file.body());
    }
    damage(dir);
    const ctx = new CheckContext(dir, c);
    checkXmlFiles(ctx);
    for (const { row, file } of feedFiles(c)) {
      const format = ({ rss: 'rss', atom: 'atom', 'json-feed': 'json' } as const)[row.checks[0] as 'rss' | 'atom' | 'json-feed'];
      if (ctx.has(file.path.slice(1))) checkFeed(ctx, format, file.path.slice(1));
    }
    checkFeedPaging(ctx);
    return ctx.problems.filter((p) => !/points to nothing in the export/.test(p.message)).map((p) => `${p.file}: ${p.message}`);
  }

  it('passes the rendered feeds and archives of the site and its tags', async () => {
    const c = await contentOf(posts(8), { feeds: { items: 3 } });
    expect(await checkFeedsOf(c)).toEqual([]);
  });

  it('names each broken rule of RSS, Atom and JSON Feed, with the post it is about', async () => {
    const c = await contentOf(posts(8), { feeds: { items: 3 } });
    const edit = (file: string, change: (text: string) => string) => (dir: string) => fs.writeFileSync(path.join(dir, file), change(fs.readFileSync(path.join(dir, file), 'utf8')));
    const damages = [
      edit('rss.xml', (t) =>
        t
          .replace(/<atom:link href="[^"]+" rel="self"[^>]*\/>/, '')
          .replace('<pubDate>', '<pubDate>Someday ')
          .replace(/<guid isPermaLink="true">[^<]+<\/guid>/, '<guid isPermaLink="true">posts/relative/</guid>')
      ),
      edit('atom.xml', (t) => {
        const [head, first, second, ...rest] = t.replace(/<author>[\s\S]*?<\/author>/g, '').split('<entry>');
        const firstId = /<id>[^<]+<\/id>/.exec(first!)![0];
        return [head, first!.replace(/<title>[^<]*<\/title>/, ''), second!.replace(/<id>[^<]+<\/id>/, firstId), ...rest].join('<entry>');
      }),
      edit('feed.json', (t) => {
        const feed = JSON.parse(t);
        feed.feed_url = 'https://elsewhere.example/feed.json';
        feed.items[0].id = feed.items[1].id;
        feed.items[1].date_published = 'yesterday';
        feed.items[2].content_html = '<p><a href="../relative/">x</a></p>';
        return JSON.stringify(feed);
      }),
    ];
    const problems = await checkFeedsOf(c, (dir) => damages.forEach((damage) => damage(dir)));
    expect(problems).toEqual(
      expect.arrayContaining([
        'rss.xml: needs <atom:link rel="self" href="https://mdsite.example.com/rss.xml">',
        expect.stringMatching(/^rss\.xml: item https:\/\/mdsite\.example\.com\/posts\/p\d+\/: pubDate "Someday [^"]+" is not a valid date/),
        'rss.xml: guid "posts/relative/" is a permalink but not an absolute URL',
        expect.stringMatching(/^atom\.xml: entry https:\/\/mdsite\.example\.com\/posts\/p\d+\/: has no author and the feed has none$/),
        expect.stringMatching(/^atom\.xml: entry https:\/\/mdsite\.example\.com\/posts\/p\d+\/: has no <title>$/),
        expect.stringMatching(/^atom\.xml: item https:\/\/mdsite\.example\.com\/posts\/p\d+\/: id "[^"]+" is used twice$/),
        'feed.json: feed_url must be https://mdsite.example.com/feed.json',
        expect.stringMatching(/^feed\.json: item https:\/\/mdsite\.example\.com\/posts\/p\d+\/: id "[^"]+" is used twice$/),
        expect.stringMatching(/^feed\.json: item https:\/\/mdsite\.example\.com\/posts\/p\d+\/: date_published is not RFC 3339$/),
        expect.stringMatching(/^feed\.json: item https:\/\/mdsite\.example\.com\/posts\/p\d+\/: relative URL "\.\.\/relative\/" in the item HTML/),
      ]),
    );
  });

  it('fails an RSS file with a bare "]]>" and names where, and a chain that misses posts', async () => {
    const c = await contentOf(posts(8), { feeds: { items: 3 } });
    const problems = await checkFeedsOf(c, (dir) => {
      const rss = path.join(dir, 'rss.xml');
      fs.writeFileSync(rss, fs.readFileSync(rss, 'utf8').replace('<title>Post 8</title>', '<title><![CDATA[a ]]]]><![CDATA[> b ]]> c]]></title>'));
      fs.rmSync(path.join(dir, 'feeds/archive/1/atom.xml'));
      const json = path.join(dir, 'feeds/archive/2/feed.json');
      fs.writeFileSync(json, fs.readFileSync(json, 'utf8').replace(/"next_url": "[^"]+"/, '"next_url": "https://mdsite.example.com/feed.json"'));
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rss\.xml: is not well-formed XML \(line \d+, column \d+\): the string "\]\]>" is disallowed in char data/),
        expect.stringMatching(/^atom\.xml: rel="next" chain reaches https:\/\/mdsite\.example\.com\/feeds\/archive\/1\/atom\.xml, which is no feed document/),
        expect.stringMatching(/^atom\.xml: following rel="next" from here misses 3 post\(s\)/),
        expect.stringMatching(/^feeds\/archive\/2\/feed\.json: next_url .* must be an absolute URL other than feed_url/),
        expect.stringMatching(/^feed\.json: rel="next" chain reaches https:\/\/mdsite\.example\.com\/feed\.json, which was already visited/),
      ]),
    );
  });
});
