// npm run bench:og [-- --posts 200] [-- --no-build]
// Measures Open Graph card cost on generated content: ms per card cold (one thread and all threads)
// and warm (read from the cache), and `npm run build` with a cold and a warm card cache.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import rawConfig from '@/site.config';
import { buildContent } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { ogCards } from '@/lib/og/cards';
import { cardPng } from '@/lib/og/card-png';
import { createCardFonts } from '@/lib/og/fonts';
import { prerenderCards } from '@/lib/og/prerender';
import { renderCard } from '@/lib/og/render';
import { ensureTemplateHash } from '@/lib/og/template-hash';
import { resolveSite } from '@/lib/site';

const { values: args } = parseArgs({ options: { posts: { type: 'string', default: '200' }, 'no-build': { type: 'boolean', default: false } } });
const postCount = Number(args.posts);
const BUILD_DATE = '2026-01-01T00:00:00Z';

const TITLES = [
  'Shipping Open Graph cards without the network',
  'Hello, world',
  'Why static sites still win: caching, CDNs and the cost of a request, measured on real traffic',
  '日本語のタイトル 🚀 中文标题 한국어 제목',
  'Fonts, subsets and the glyphs you forgot ✨',
  'Ein Beitrag über Umlaute, Ligaturen und ß',
];

function writeContent(dir: string) {
  fs.mkdirSync(path.join(dir, 'posts'), { recursive: true });
  for (let i = 1; i <= postCount; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const text = `---\ntitle: "${TITLES[i % TITLES.length]} (${i})"\ndate: 2025-${month}-${day}\ntags: [bench, topic-${i % 5}]\n---\n\n${'Some words for the reading time. '.repeat(20 * (i % 7) + 5)}\n`;
    fs.writeFileSync(path.join(dir, 'posts', `post-${i}.md`), text);
  }
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const s = (n: number) => `${(n / 1000).toFixed(1)} s`;

function build(env: Record<string, string>): { ms: number; cards: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts'], {
    env: { ...process.env, NODE_ENV: 'production', BUILD_DATE, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  return { ms: performance.now() - start, cards: /Open Graph cards: [^\n]*/.exec(result.stdout)?.[0] ?? '?' };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-og-'));
  const contentDir = path.join(work, 'content');
  writeContent(contentDir);
  const site = resolveSite(rawConfig, { CONTENT_DIR: contentDir, BUILD_DATE });
  const cards = ogCards(buildContent(site, await loadContent(site))).map((c) => c.data);
  await ensureTemplateHash();
  const threads = os.availableParallelism();
  const rows: [string, string][] = [];
  console.log(`${cards.length} cards from ${postCount} generated posts; ${threads} threads available`);

  // Cold, one thread, in this process: the first card also pays for loading satori's WASM and fonts.
  const fonts = createCardFonts();
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (const card of cards) {
    const start = performance.now();
    await renderCard(card, fonts);
    times.push(performance.now() - start);
  }
  const cpuPerCard = cpuMs(process.cpuUsage(cpuStart)) / cards.length;
  rows.push(['cold, first card (loads layout engine and fonts)', ms(times[0]!)]);
  rows.push(['cold, per card after that (median wall time, one thread)', ms(median(times.slice(1)))]);
  rows.push(['cold, CPU time per card (one thread, all cards)', ms(cpuPerCard)]);

  // Cores busy = CPU time of all threads / wall time; on a machine shared with other builds, wall
  // time says more about the neighbours than about the pre-render.
  for (const n of [1, threads]) {
    const dir = path.join(work, `cache-${n}`);
    const cpu = process.cpuUsage();
    const result = await prerenderCards(cards, { dir, threads: n });
    const used = cpuMs(process.cpuUsage(cpu));
    const what = `cold pre-render of ${cards.length} cards on ${result.threads} thread(s)`;
    rows.push([`${what}: wall time per card (cores busy)`, `${ms(result.ms / cards.length)} (${(used / result.ms).toFixed(2)})`]);
    rows.push([`${what}: CPU time per card`, ms(used / cards.length)]);
  }
  // Threads share the process, so this covers the workers too.
  rows.push(['peak RSS of this process after the pre-renders', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`]);

  const warmDir = path.join(work, `cache-${threads}`);
  const warm = await prerenderCards(cards, { dir: warmDir, threads });
  rows.push([`warm pre-render check of ${cards.length} cards (all cached), per card`, ms(warm.ms / cards.length)]);
  const readTimes: number[] = [];
  for (const card of cards) {
    const start = performance.now();
    await cardPng(card, warmDir);
    readTimes.push(performance.now() - start);
  }
  rows.push(['warm, route handler reading a card from the cache (median)', ms(median(readTimes))]);

  if (!args['no-build']) {
    // The first build also warms Next.js's own caches; cold and warm card caches are compared after it.
    const outDir = path.resolve('.next-bench-og'); // Next.js wants the export inside the project
    const env = (cache: string) => ({ CONTENT_DIR: contentDir, OUT_DIR: outDir, OG_CACHE_DIR: path.join(work, cache) });
    const first = build(env('build-cache-a'));
    const warmBuild = build(env('build-cache-a'));
    const coldBuild = build(env('build-cache-b'));
    rows.push([`npm run build, first run (cold Next.js and card caches; ${first.cards})`, s(first.ms)]);
    rows.push([`npm run build, cold card cache (${coldBuild.cards})`, s(coldBuild.ms)]);
    rows.push([`npm run build, warm card cache (${warmBuild.cards})`, s(warmBuild.ms)]);
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\nMachine: ${cpu}, ${threads} threads, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  console.log('| measurement | result |\n| --- | --- |');
  for (const [what, value] of rows) console.log(`| ${what} | ${value} |`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(path.resolve('.next-bench-og'), { recursive: true, force: true });
}

await main();
