import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import jsonFeedSchema from 'jsonfeed-schema/schema-v1.1.json';
import robotsParser from 'robots-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { postsIndexSchema, tagsIndexSchema } from '@/lib/outputs/api';
import { exportSite, fixture, readOut, ROOT, type BuildResult } from '../helpers/export-build';
import { systemTool } from '../setup/system-tools';

// One export of the hostile fixture under a base path, with a sitemap index (4 URLs per file), feeds
// of 2 posts with archives, and an IndexNow key, checked by parsers and validators that are not ours:
// python3-feedparser, feed-extractor, ajv with the JSON Feed schema, libxml2 (xmllint-wasm) with the
// sitemaps.org XSD, robots-parser.

const ORIGIN = 'https://mdsite.example.com';
const BASE = '/blog';
const INDEXNOW_KEY = 'f00dfeed12345678';
const ENV = { CONTENT_DIR: fixture('hostile'), BASE_PATH: BASE, SITEMAP_MAX_URLS: '4', FEED_ITEMS: '2', INDEXNOW_KEY };
const LISTED = ['xml-special', 'long-title', 'date-only', 'with-image'].map((s) => `${ORIGIN}${BASE}/posts/${s}/`);
const FEEDS = ['rss.xml', 'atom.xml', 'feed.json'];

let build: BuildResult;
let files: string[];
const out = (file: string) => readOut(build.outDir, file);
const exists = (file: string) => fs.existsSync(path.join(build.outDir, file));

function listFiles(root: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    return d.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

/** The export file an absolute URL of the site lands on, or undefined. */
function fileOf(url: string): string | undefined {
  const { origin, pathname } = new URL(url);
  if (origin !== ORIGIN || !pathname.startsWith(`${BASE}/`)) return undefined;
  const rel = decodeURIComponent(pathname.slice(BASE.length + 1));
  const file = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
  return exists(file) ? file : undefined;
}

beforeAll(async () => {
  build = await exportSite('hostile', ENV);
  if (build.code !== 0) throw new Error(`hostile export failed:\n${build.output.slice(-4000)}`);
  files = listFiles(build.outDir);
});

const tagFeeds = () => files.filter((f) => /^tags\/[^/]+\/(rss\.xml|atom\.xml|feed\.json)$/.test(f));
const archives = () => files.filter((f) => /^(tags\/[^/]+\/)?feeds\/archive\/\d+\/(rss\.xml|atom\.xml|feed\.json)$/.test(f));

describe('feeds, read by independent parsers', () => {
  it('python3-feedparser reads every XML feed and archive as well-formed, and walks rel="next" to every listed post', () => {
    const xmlFeeds = [...FEEDS, ...tagFeeds(), ...archives()].filter((f) => f.endsWith('.xml'));
    expect(archives()).toEqual(expect.arrayContaining(['feeds/archive/1/rss.xml', 'feeds/archive/1/atom.xml', 'feeds/archive/1/feed.json']));
    expect(xmlFeeds.length).toBeGreaterThanOrEqual(4 + 3 * 2);
    const script = `
import feedparser, json, sys
result = {}
for f in sys.argv[1:]:
    d = feedparser.parse(open(f, 'rb').read())
    result[f] = {'bozo': int(d.bozo), 'error': str(d.get('bozo_exception', '')), 'version': d.version,
                 'titles': [e.title for e in d.entries], 'links': [e.link for e in d.entries],
                 'ids': [e.id for e in d.entries], 'dates': [e.get('published') or e.get('updated') for e in d.entries],
                 'next': next((l.href for l in d.feed.get('links', []) if l.rel == 'next'), None)}
print(json.dumps(result))`;
    const run = spawnSync(systemTool('feedparser'), ['-c', script, ...xmlFeeds.map((f) => path.join(build.outDir, f))], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const parsed = JSON.parse(run.stdout) as Record<string, { bozo: number; error: string; version: string; titles: string[]; links: string[]; ids: string[]; dates: string[]; next: string | null }>;
    for (const [file, feed] of Object.entries(parsed)) {
      expect(feed.bozo, `${file}: ${feed.error}`).toBe(0);
      expect(new Set(feed.ids).size, file).toBe(feed.ids.length);
      for (const link of feed.links) expect(fileOf(link), `${file}: ${link}`).toBeDefined();
      expect(feed.dates.every(Boolean), file).toBe(true);
    }
    const rss = parsed[path.join(build.outDir, 'rss.xml')]!;
    expect(rss.version).toBe('rss20');
    expect(rss.titles[0]).toBe('Tom & Jerry <b>bold</b> ]]> "quoted" \'apos\' bell');
    expect(rss.titles).toHaveLength(2);
    expect(parsed[path.join(build.outDir, 'atom.xml')]!.version).toBe('atom10');
    for (const start of ['rss.xml', 'atom.xml']) {
      const seen: string[] = [];
      for (let file: string | undefined = start; file; ) {
        const feed: (typeof parsed)[string] = parsed[path.join(build.outDir, file)]!;
        seen.push(...feed.links);
        file = feed.next ? fileOf(feed.next) : undefined;
      }
      expect([...new Set(seen)].sort(), start).toEqual([...LISTED].sort());
    }
  });

  it('feed-extractor reads RSS, Atom and JSON Feed, subscription and archive, to the same four listed posts', async () => {
    for (const [feed, archive] of [['rss.xml', 'feeds/archive/1/rss.xml'], ['atom.xml', 'feeds/archive/1/atom.xml']]) {
      const links = [...(await extractFromXml(out(feed!))).entries!, ...(await extractFromXml(out(archive!))).entries!].map((e) => e.link!);
      expect([...new Set(links)].sort(), feed).toEqual([...LISTED].sort());
    }
    const json = JSON.parse(out('feed.json'));
    const older = JSON.parse(out(fileOf(json.next_url)!));
    const links = [...(await extractFromJson(json)).entries!, ...(await extractFromJson(older)).entries!].map((e) => e.link!);
    expect([...new Set(links)].sort()).toEqual([...LISTED].sort());
  });

  it('every JSON feed validates against the JSON Feed 1.1 schema with ajv', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(jsonFeedSchema);
    for (const file of ['feed.json', ...tagFeeds(), ...archives()].filter((f) => f.endsWith('.json'))) {
      const feed = JSON.parse(out(file));
      expect(validate(feed), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    }
  });

  it('item HTML carries only absolute URLs, and no character XML forbids', () => {
    const rss = [out('rss.xml'), out('feeds/archive/1/rss.xml')].join('\n');
    const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const html = [...rss.matchAll(/<content:encoded>([\s\S]*?)<\/content:encoded>/g)].map((m) => unescape(m[1]!)).join('\n');
    const urls = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^(https?:|mailto:)/);
    expect(html).toContain(`srcset="${ORIGIN}${BASE}/posts/with-image/pic.png 1x, ${ORIGIN}${BASE}/posts/with-image/pic.png 2x"`);
    for (const file of [...FEEDS, 'sitemap.xml', 'llms.txt']) expect(out(file)).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});

describe('crawler files', () => {
  it('the sitemap index and its chunks validate against the sitemaps.org XSD with libxml2', async () => {
    const xsd = { index: path.join(ROOT, 'scripts/check/siteindex.xsd'), urlset: path.join(ROOT, 'node_modules/sitemap/schema/sitemap.xsd') };
    const lint = async (file: string, schema: string) => {
      const result = await validateXML({ xml: { fileName: file, contents: out(file) }, schema: { fileName: path.basename(schema), contents: fs.readFileSync(schema, 'utf8') } });
      return result.valid && !result.errors.length ? 'valid' : result.errors.map((e) => e.rawMessage);
    };
    expect(await lint('sitemap.xml', xsd.index)).toBe('valid');
    const chunks = [...out('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => fileOf(m[1]!));
    expect(chunks).toEqual(['sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml']);
    const locs: string[] = [];
    for (const chunk of chunks as string[]) {
      expect(await lint(chunk, xsd.urlset), chunk).toBe('valid');
      locs.push(...[...out(chunk).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
    }
    expect(locs).toHaveLength(12);
    for (const loc of locs) {
      const file = fileOf(loc);
      expect(file, loc).toMatch(/index\.html$/);
      expect(out(file!)).toContain(`<link rel="canonical" href="${loc}"/>`);
    }
    expect(locs.join(' ')).not.toMatch(/unlisted|secret-page|draft|future/);
  });

  it('robots.txt parses, points at the sitemap and leaves AI crawlers allowed by default', () => {
    const robots = robotsParser(`${ORIGIN}/robots.txt`, out('robots.txt'));
    expect(robots.getSitemaps()).toEqual([`${ORIGIN}${BASE}/sitemap.xml`]);
    expect(robots.isAllowed(`${ORIGIN}${BASE}/posts/date-only/`, 'GPTBot')).toBe(true);
    expect(robots.isAllowed(`${ORIGIN}${BASE}/posts/date-only/`, 'Googlebot')).toBe(true);
  });

  it('security.txt has one Contact, one Expires within a year of the build, and its Canonical', () => {
    const fields = out('.well-known/security.txt').trim().split('\n').map((l) => l.split(': '));
    expect(fields.filter(([k]) => k === 'Contact')).toEqual([['Contact', 'mailto:hello@mdsite.example.com']]);
    const expires = fields.filter(([k]) => k === 'Expires');
    expect(expires).toHaveLength(1);
    const days = (new Date(expires[0]![1]!).getTime() - new Date('2026-01-01T00:00:00Z').getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThanOrEqual(365);
    expect(fields).toContainEqual(['Canonical', `${ORIGIN}${BASE}/.well-known/security.txt`]);
    expect(exists('.well-known/webfinger')).toBe(false);
    expect(exists('.well-known/atproto-did')).toBe(false);
  });
});

describe('files for language models', () => {
  it('llms.txt has the reference shape and every link resolves to an exported markdown twin', () => {
    const lines = out('llms.txt').split('\n');
    expect(lines[0]).toBe('# mdsite');
    const links = lines.filter((l) => l.startsWith('- ')).map((l) => /^-\s*\[([^\]]+)\]\(([^)]+)\)(?::\s*(.*))?$/.exec(l));
    expect(links.every(Boolean)).toBe(true);
    for (const match of links) expect(fileOf(match![2]!), match![2]).toBeDefined();
    const twins = links.map((m) => m![2]!).filter((u) => u.endsWith('.md'));
    for (const slug of ['posts/xml-special', 'posts/long-title', 'posts/date-only', 'posts/with-image', 'about', 'index', 'archive', 'tags']) expect(twins).toContain(`${ORIGIN}${BASE}/${slug}.md`);
    expect(twins.join(' ')).not.toMatch(/unlisted|secret-page/);
  });

  it('every post and page has its markdown twin, linked from its HTML page', () => {
    for (const slug of ['posts/xml-special', 'posts/long-title', 'posts/date-only', 'posts/with-image', 'posts/unlisted', 'about', 'secret-page']) {
      expect(out(`${slug}.md`)).toMatch(/^# .+\n\nURL: https:\/\/mdsite\.example\.com\/blog\//);
      expect(out(`${slug}/index.html`)).toContain(`<link rel="alternate" type="text/markdown" href="${ORIGIN}${BASE}/${slug}.md"`);
    }
    expect(out('index.html')).toContain(`<link rel="alternate" type="application/rss+xml" href="${ORIGIN}${BASE}/rss.xml"`);
    expect(out('tags/日本語/index.html')).toContain(`href="${ORIGIN}${BASE}/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/atom.xml"`);
  });
});

describe('JSON, host files and the publication rule', () => {
  it('JSON outputs match their schemas', () => {
    expect(postsIndexSchema.parse(JSON.parse(out('api/posts.json'))).posts).toHaveLength(4);
    expect(tagsIndexSchema.parse(JSON.parse(out('api/tags.json'))).tags.length).toBeGreaterThan(0);
    expect(JSON.parse(out('manifest.webmanifest')).start_url).toBe(`${BASE}/`);
    for (const icon of ['favicon.ico', 'icon.svg', 'icon-192.png', 'icon-512.png', 'apple-touch-icon.png']) expect(exists(icon), icon).toBe(true);
  });

  it('_headers types the .md, .txt, feed and .well-known files; .nojekyll is there', () => {
    const headers = out('_headers');
    expect(headers).toContain(`${BASE}/*.md\n  Content-Type: text/markdown; charset=utf-8`);
    expect(headers).toContain(`${BASE}/llms.txt\n  Content-Type: text/plain; charset=utf-8`);
    expect(headers).toContain(`${BASE}/atom.xml\n  Content-Type: application/atom+xml; charset=utf-8`);
    expect(headers).toContain(`${BASE}/.well-known/security.txt\n  Content-Type: text/plain; charset=utf-8`);
    expect(exists('.nojekyll')).toBe(true);
    expect(out(`${INDEXNOW_KEY}.txt`)).toBe(INDEXNOW_KEY);
    // Its name comes from the config, so it has no rule of its own: every host serves .txt as text/plain.
    expect(headers).not.toContain(INDEXNOW_KEY);
  });

  it('drafts and future posts leave no file and no trace; unlisted ones are reachable but listed nowhere', () => {
    for (const file of files) {
      expect(file).not.toMatch(/(^|\/)(draft|future)(\/|\.|$)/);
      expect(file).not.toMatch(/(^|\/)_none(\/|\.|$)/);
    }
    for (const file of files.filter((f) => /\.(html|txt|xml|json|md)$/.test(f))) {
      const text = out(file);
      expect(text, file).not.toContain('SHOULD-NOT-LEAK');
      expect(text, file).not.toContain('/_none');
    }
    expect(out('posts/unlisted/index.html')).toContain('<meta name="robots" content="noindex, follow"/>');
    // Feeds list exactly the four listed posts (above); a listed post may still link an unlisted one in its text.
    for (const file of ['llms.txt', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml', 'api/posts.json', 'api/tags.json', 'index.html', 'archive/index.html', 'tags/日本語/index.html']) {
      expect(out(file), file).not.toContain('/posts/unlisted');
      expect(out(file), file).not.toContain('/secret-page');
    }
  });
});

describe('the output checker', () => {
  let broken: string;
  beforeAll(() => {
    broken = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-broken-'));
    fs.cpSync(build.outDir, broken, { recursive: true });
    fs.rmSync(path.join(broken, 'posts/with-image/pic.png'));
    const rss = path.join(broken, 'rss.xml');
    fs.writeFileSync(rss, fs.readFileSync(rss, 'utf8').replace(`href="${ORIGIN}${BASE}/posts/with-image/"`, 'href="../with-image/"'));
    const llms = path.join(broken, 'llms.txt');
    fs.appendFileSync(llms, 'A stray prose line inside a section\n');
    // A title with two "]]>" in a CDATA section escaped only once: a lenient validator passes it.
    // A sitemap chunk in a folder may list only URLs below that folder.
    fs.mkdirSync(path.join(broken, 'sitemaps'));
    fs.renameSync(path.join(broken, 'sitemap-1.xml'), path.join(broken, 'sitemaps/1.xml'));
    const index = path.join(broken, 'sitemap.xml');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace(`${ORIGIN}${BASE}/sitemap-1.xml`, `${ORIGIN}${BASE}/sitemaps/1.xml`));
    const atom = path.join(broken, 'tags/日本語/atom.xml');
    fs.writeFileSync(atom, fs.readFileSync(atom, 'utf8').replace(/<title>[^<]*<\/title>/, '<title><![CDATA[a ]]]]><![CDATA[> b ]]> c]]></title>'));
  });
  afterAll(() => fs.rmSync(broken, { recursive: true, force: true }));

  it('npm run check passes the real export and reports breakage with the source file', () => {
    const run = (dir: string) => spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/check-output.ts'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...ENV, NODE_ENV: 'production', BUILD_DATE: '2026-01-01T00:00:00Z', OUT_DIR: dir },
    });
    const ok = run(build.outDir);
    expect(ok.status, ok.stderr).toBe(0);
    const bad = run(broken);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('posts/with-image/pic.png" points to nothing in the export');
    expect(bad.stderr).toContain('source: tests/fixtures/hostile/posts/with-image/index.md');
    expect(bad.stderr).toContain('relative URL "../with-image/" in the item HTML');
    expect(bad.stderr).toMatch(new RegExp(`sitemaps/1\\.xml\\n {4}- <loc> ${ORIGIN}${BASE}/\\S* is outside ${ORIGIN}${BASE}/sitemaps/, the folder of the sitemap that lists it`));
    expect(bad.stderr).toMatch(/llms\.txt\n {4}- line \d+ in "## Optional" is not a "- \[name\]\(url\): notes" line/);
    expect(bad.stderr).toMatch(/tags\/日本語\/atom\.xml\n {4}- is not well-formed XML \(line \d+, column \d+\): the string "\]\]>" is disallowed in char data/);
  });
});

describe('a build whose export fails the check', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await exportSite('broken-site-link', { CONTENT_DIR: fixture('broken-site-link') });
  });

  it('fails before Next.js starts, names the file and line, and leaves no export', () => {
    expect(result.code).toBe(1);
    expect(result.output).toContain('2 content errors in 1 file');
    expect(result.output).toMatch(/posts\/published\.md:7:\d+ +link "\/posts\/missing\/" points to no page or file of this site/);
    expect(result.output).toMatch(/posts\/published\.md:7:\d+ +link "\/images\/none\.png" points to no page or file of this site/);
    expect(result.output).not.toContain('next build');
    expect(fs.existsSync(result.outDir)).toBe(false);
  });
});
