// npm run bench:search [-- --posts 1000] [-- --out out-bench-search] [-- --no-build]
// Exports a site of generated posts, then measures the Pagefind bundle: its size on disk, and in
// Chromium the bytes the search box loads on first use and for each of a few queries.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { searchBundlePath } from '@/lib/paths';
import { launchChromium } from '@/tests/helpers/browser';
import { seededRandom } from '@/tests/helpers/random';
import { serveStatic } from '@/tests/helpers/static-server';

const { values: args } = parseArgs({
  options: { posts: { type: 'string', default: '1000' }, out: { type: 'string', default: 'out-bench-search' }, 'no-build': { type: 'boolean', default: false } },
});
const postCount = Number(args.posts);
const outDir = path.resolve(args.out);
const BUNDLE = searchBundlePath().slice(1);
// The queries need the generated words; --no-build reads them from here.
const queriesFile = path.resolve('.cache/bench-search-queries.json');

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'zen', 'dar', 'bel', 'cor', 'fin', 'gar', 'hul', 'jas', 'pol', 'qui', 'wex', 'yor'];
const COMMON = ['the', 'a', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'it', 'with', 'as', 'on', 'was', 'this', 'by', 'not', 'be', 'are', 'from'];

/**
 * Posts of about 350–700 words: English function words, a 5,000-word vocabulary drawn with a
 * Zipf-like skew (a few words everywhere, most rare), and a word no other post has.
 */
function writeContent(dir: string): { rare: string; common: string; phrase: string } {
  const next = seededRandom(42); // the same posts on every run
  const word = (n: number) => {
    let w = '';
    for (let k = n; ; k = Math.floor(k / SYLLABLES.length)) {
      w += SYLLABLES[k % SYLLABLES.length];
      if (k < SYLLABLES.length) break;
    }
    return w.length < 4 ? `${w}ra` : w;
  };
  const vocabulary = Array.from({ length: 5000 }, (_, i) => word(i + 400));
  const pick = () => (next() < 0.35 ? COMMON[Math.floor(next() * COMMON.length)]! : vocabulary[Math.floor(vocabulary.length * next() ** 3)]!);
  fs.mkdirSync(path.join(dir, 'posts'), { recursive: true });
  for (let i = 1; i <= postCount; i++) {
    const paragraphs = Array.from({ length: 5 + Math.floor(next() * 6) }, () => Array.from({ length: 60 + Math.floor(next() * 40) }, pick).join(' ') + '.');
    paragraphs.splice(2, 0, `Only this post mentions uniq${word(i)}.`);
    const title = Array.from({ length: 3 + Math.floor(next() * 4) }, pick).join(' ');
    const date = new Date(Date.UTC(2020, 0, 1) + i * 36e5 * 30).toISOString().slice(0, 10);
    fs.writeFileSync(path.join(dir, 'posts', `post-${i}.md`), `---\ntitle: "${title} ${i}"\ndate: ${date}\ntags: [topic-${i % 12}]\n---\n\n${paragraphs.join('\n\n')}\n`);
  }
  return { rare: `uniq${word(Math.ceil(postCount / 2))}`, common: vocabulary[3]!, phrase: `${vocabulary[40]} ${vocabulary[700]}` };
}

function build(contentDir: string) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts'], {
    env: { ...process.env, NODE_ENV: 'production', BUILD_DATE: '2026-01-01T00:00:00Z', CONTENT_DIR: contentDir, OUT_DIR: outDir },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  console.log(`${/Search index: [^\n]*/.exec(result.stdout)?.[0] ?? ''} (build ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

function bundleFiles(dir: string, prefix = ''): { file: string; bytes: number }[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    return d.isDirectory() ? bundleFiles(dir, rel) : [{ file: rel, bytes: fs.statSync(path.join(dir, rel)).size }];
  });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main() {
  const queries = (() => {
    if (args['no-build']) return JSON.parse(fs.readFileSync(queriesFile, 'utf8')) as ReturnType<typeof writeContent>;
    const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-'));
    const written = writeContent(contentDir);
    fs.mkdirSync(path.dirname(queriesFile), { recursive: true });
    fs.writeFileSync(queriesFile, JSON.stringify(written));
    build(contentDir);
    fs.rmSync(contentDir, { recursive: true, force: true });
    return written;
  })();

  const files = bundleFiles(path.join(outDir, BUNDLE));
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const of = (re: RegExp) => files.filter((f) => re.test(f.file));
  console.log(`\nBundle for ${postCount} posts: ${files.length} files, ${kib(total)}`);
  for (const [name, re] of [['index chunks', /^index\//], ['fragments', /^fragment\//], ['metadata', /\.pf_meta$/], ['engine (wasm)', /\.pagefind$/], ['scripts', /\.js$/]] as const) {
    const list = of(re);
    console.log(`  ${name}: ${list.length} files, ${kib(list.reduce((s, f) => s + f.bytes, 0))}`);
  }
  const script = fs.readFileSync(path.join(outDir, BUNDLE, 'pagefind.js'));
  console.log(`  pagefind.js gzip-compressed as a host sends it: ${kib(zlib.gzipSync(script).length)}`);

  const server = await serveStatic(outDir);
  const browser = await launchChromium();
  try {
    console.log('\nLoaded in Chromium, each query in a fresh browser context (bytes as served; the host adds no compression):');
    for (const [label, query] of [['a word in one post', queries.rare], ['a common word', queries.common], ['two words', queries.phrase]] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const loaded: { file: string; bytes: number }[] = [];
      page.on('response', (response) => {
        const { pathname } = new URL(response.url());
        if (pathname.startsWith(`/${BUNDLE}`)) loaded.push({ file: pathname.slice(BUNDLE.length + 1), bytes: Number(response.headers()['content-length']) });
      });
      await page.goto(`${server.origin}/`);
      const sum = (files: typeof loaded) => kib(files.reduce((s, f) => s + f.bytes, 0));
      // What the search box does: load and start Pagefind on focus, then search and read the top 8 results.
      await page.evaluate(async (url) => {
        const pagefind = await import(url);
        await pagefind.init();
        (window as unknown as { pagefind: unknown }).pagefind = pagefind;
      }, `/${BUNDLE}pagefind.js`);
      await page.waitForLoadState('networkidle');
      const start = [...loaded];
      loaded.length = 0;
      const found = await page.evaluate(async (term) => {
        const pagefind = (window as unknown as { pagefind: { search(t: string): Promise<{ results: { data(): Promise<unknown> }[] }> } }).pagefind;
        const { results } = await pagefind.search(term);
        await Promise.all(results.slice(0, 8).map((r) => r.data()));
        return results.length;
      }, query);
      await page.waitForLoadState('networkidle');
      const count = (prefix: string) => loaded.filter((f) => f.file.startsWith(prefix)).length;
      console.log(`  "${query}" (${label}): ${found} pages found; first use ${start.length} files, ${sum(start)}; the query ${count('index/')} index chunks + ${count('fragment/')} fragments, ${sum(loaded)}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
