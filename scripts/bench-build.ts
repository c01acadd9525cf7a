// npm run bench:build -- --posts 1000: how `npm run build` scales, beside two references, in one run.
// Generates N posts (~600 words, a code block, a table, 2 of 20 tags each) into a temporary content
// folder, then measures this project cold, again with nothing changed, and after one post is edited;
// a naive page-only Next.js export of the same posts (a page per post, home, rss.xml, llms.txt,
// sitemap), built as a throw-away app with this project's node_modules; and Hugo (Debian's `hugo`).
// Each row: wall time, peak RSS of the whole process tree, files written. Then the live preview:
// `next dev` on the same posts, its first page, a warm page, and the next page after an author saves
// a post (title changed, seen on the post and on the home page). Options: --posts N,
// --skip naive,hugo,dev (leave parts out), --keep (keep the temporary folders).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { treeRssMb } from '@/lib/process-memory';
import { freePort } from '../tests/helpers/server';
import { formatDuration } from '@/lib/progress';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const posts = Number(option('posts') ?? 1000);
const skip = new Set((option('skip') ?? '').split(',').filter(Boolean));
const keep = args.includes('--keep');
if (!Number.isInteger(posts) || posts < 1) {
  console.error('usage: npm run bench:build -- --posts <N> [--skip naive,hugo,dev] [--keep]');
  process.exit(2);
}

const projectDir = process.cwd();
// Inside the project: Turbopack resolves node_modules only below its root.
const benchDir = path.join(projectDir, '.bench', `posts-${posts}`);
const contentDir = path.join(benchDir, 'content');
const BUILD_DATE = '2026-06-01T00:00:00Z';

// --- The generated site -------------------------------------------------------------------------

const TAGS = ['Rust', 'TypeScript', 'Go', 'Databases', 'Networking', 'Testing', 'Security', 'Design', 'Performance', 'DevOps',
  'Linux', 'Cloud', 'Frontend', 'Backend', 'Tooling', 'Career', 'Open Source', 'Data', 'Graphics', 'Compilers'];
const WORDS = ('the a build site page post content render cache worker thread memory file output feed export static index ' +
  'server client route table markdown tag list time test code change edit fast slow hash graph node queue stream parse write read')
  .split(' ');

/** A small deterministic generator: the same N gives the same posts on every run and machine. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

function sentence(next: () => number, words: number): string {
  const list = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]);
  const text = list.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number): string {
  return Array.from({ length: 6 }, () => sentence(next, 10 + Math.floor(next() * 8))).join(' ');
}

function postMarkdown(i: number): string {
  const next = random(i + 1);
  const first = Math.floor(next() * TAGS.length);
  const second = (first + 1 + Math.floor(next() * (TAGS.length - 1))) % TAGS.length;
  // Spread over 2000–2025, before BUILD_DATE, so every post is published.
  const date = new Date(Date.UTC(2000, 0, 1) + Math.floor((i * 26 * 365) / posts) * 86400_000).toISOString().slice(0, 10);
  return `---
title: "Post ${i}: ${sentence(next, 5).slice(0, -1)}"
date: ${date}
tags: [${TAGS[first]}, ${TAGS[second]}]
---

${paragraph(next)}

## Background

${paragraph(next)}

${paragraph(next)}

\`\`\`ts
export function total(items: { price: number; count: number }[]): number {
  return items.reduce((sum, item) => sum + item.price * item.count, 0); // post ${i}
}
\`\`\`

## Measurements

| case | before | after |
| --- | ---: | ---: |
| small | ${i % 97} ms | ${i % 13} ms |
| large | ${i % 389} ms | ${i % 41} ms |

${paragraph(next)}

${paragraph(next)}
`;
}

function generateContent() {
  fs.rmSync(contentDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(contentDir, 'posts'), { recursive: true });
  fs.mkdirSync(path.join(contentDir, 'pages'), { recursive: true });
  for (let i = 1; i <= posts; i++) fs.writeFileSync(path.join(contentDir, 'posts', `post-${String(i).padStart(5, '0')}.md`), postMarkdown(i));
  fs.writeFileSync(path.join(contentDir, 'pages', 'about.md'), `---\ntitle: About\ndate: 2020-01-01\n---\n\nA generated site with ${posts} posts.\n`);
}

// --- Measuring a command: wall time and the peak RSS of its whole process tree -------------------

interface Run {
  wallMs: number;
  peakRssMb: number;
  output: string;
  code: number;
}


function measure(label: string, command: string, commandArgs: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  console.log(`\n▶ ${label}`);
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { cwd: options.cwd ?? projectDir, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, treeRssMb(child.pid!) ?? 0)), 250);
    let output = '';
    const echo = (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('close', (code) => {
      clearInterval(sample);
      resolve({ wallMs: performance.now() - started, peakRssMb: peak, output, code: code ?? 1 });
    });
  });
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((d) => d.isFile()).length;
}

// --- This project ---------------------------------------------------------------------------------

const projectOut = path.join(benchDir, 'out');
const projectEnv = {
  CONTENT_DIR: contentDir,
  OUT_DIR: projectOut,
  OG_CACHE_DIR: path.join(benchDir, 'og-cache'),
  BUILD_DATE,
  CI: '1',
};

const buildProject = (label: string) => measure(label, process.execPath, [path.join(projectDir, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts'], { env: projectEnv });

// --- The live preview: next dev on the same content ------------------------------------------------

interface Preview {
  firstPageMs: number;
  warmPageMs: number;
  afterEditMs: number;
  homeAfterEditMs: number;
  /** The first page again after a restart, with the renderings the first run saved. */
  restartMs: number;
}

async function timedFetch(url: string, expect?: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  if (expect && !body.includes(expect)) throw new Error(`${url} does not show "${expect}" yet`);
  return performance.now() - started;
}

/** Starts `next dev` on the generated posts; resolves once `url` answers, with the time that took. */
async function startPreview(pagePath: string): Promise<{ port: number; firstPageMs: number; stop: () => void }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(projectDir, 'node_modules/next/dist/bin/next'), 'dev', '--port', String(port)], {
    cwd: projectDir,
    env: { ...process.env, CONTENT_DIR: contentDir, BUILD_DATE, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const stop = () => process.kill(-child.pid!, 'SIGKILL');
  const url = `http://127.0.0.1:${port}${pagePath}`;
  for (;;) {
    if (performance.now() - started > 600_000) {
      stop();
      throw new Error(`next dev did not serve ${url} within 10 minutes:\n${output}`);
    }
    const ok = await fetch(url).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, firstPageMs: performance.now() - started, stop };
}

async function measurePreview(): Promise<Preview> {
  console.log('\n▶ npm run dev: first page, warm page, the next page after saving a post, and a restart');
  // The newest post: it is on the home page too.
  const slug = `post-${String(posts).padStart(5, '0')}`;
  const postPath = `/posts/${slug}/`;
  // A first start: no renderings saved by an earlier `next dev`.
  fs.rmSync(path.join(projectDir, '.cache/dev'), { recursive: true, force: true });
  const first = await startPreview(postPath);
  let measured: Omit<Preview, 'restartMs'>;
  try {
    const base = `http://127.0.0.1:${first.port}`;
    await timedFetch(`${base}/`);
    const warmPageMs = await timedFetch(`${base}${postPath}`);
    const file = path.join(contentDir, 'posts', `${slug}.md`);
    const title = 'Saved while the preview runs';
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: "${title}"`));
    const afterEditMs = await timedFetch(`${base}${postPath}`, title);
    const homeAfterEditMs = await timedFetch(`${base}/`, title);
    measured = { firstPageMs: first.firstPageMs, warmPageMs, afterEditMs, homeAfterEditMs };
  } finally {
    first.stop();
  }
  const restart = await startPreview(postPath);
  restart.stop();
  return { ...measured, restartMs: restart.firstPageMs };
}

/** The step lines `npm run build` prints last ("Build steps …"), to show beside the table. */
function stepLines(run: Run): string[] {
  const lines = run.output.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Build steps'));
  return start < 0 ? [] : lines.slice(start + 1).filter((l) => l.startsWith('  '));
}

// --- The naive page-only Next.js export ------------------------------------------------------------

const naiveDir = path.join(benchDir, 'naive');

function writeNaiveApp() {
  fs.rmSync(naiveDir, { recursive: true, force: true });
  const files: Record<string, string> = {
    'next.config.mjs': `export default { output: 'export', trailingSlash: true, images: { unoptimized: true }, turbopack: { root: ${JSON.stringify(projectDir)} } };\n`,
    'tsconfig.json': JSON.stringify({
      compilerOptions: { target: 'ES2022', lib: ['dom', 'esnext'], strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler',
        jsx: 'react-jsx', esModuleInterop: true, skipLibCheck: true, isolatedModules: true, resolveJsonModule: true, allowJs: true, plugins: [{ name: 'next' }] },
      include: ['**/*.ts', '**/*.tsx'],
    }),
    'lib/posts.ts': `import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';

export interface Post { slug: string; title: string; date: string; html: string; markdown: string }
const dir = ${JSON.stringify(path.join(contentDir, 'posts'))};
let cache: Post[] | undefined;
export function getPosts(): Post[] {
  cache ??= fs.readdirSync(dir).map((file) => {
    const [, front = '', content = ''] = /^---\\n([\\s\\S]*?)\\n---\\n([\\s\\S]*)$/.exec(fs.readFileSync(path.join(dir, file), 'utf8')) ?? [];
    const data = parseYaml(front) as { title: unknown; date: string };
    const html = String(unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify).processSync(content));
    return { slug: file.replace(/\\.md$/, ''), title: String(data.title), date: new Date(data.date).toISOString(), html, markdown: content };
  }).sort((a, b) => b.date.localeCompare(a.date));
  return cache;
}
`,
    'app/layout.tsx': `import type { ReactNode } from 'react';\nexport default function Layout({ children }: { children: ReactNode }) { return <html lang="en"><body>{children}</body></html>; }\n`,
    'app/page.tsx': `import { getPosts } from '../lib/posts';
export default function Home() { return <ul>{getPosts().map((p) => <li key={p.slug}><a href={\`/posts/\${p.slug}/\`}>{p.title}</a></li>)}</ul>; }
`,
    'app/posts/[slug]/page.tsx': `import { getPosts } from '../../../lib/posts';
export const dynamicParams = false;
export function generateStaticParams() { return getPosts().map((p) => ({ slug: p.slug })); }
export default async function Post({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const post = getPosts().find((p) => p.slug === slug)!;
  return <article><h1>{post.title}</h1><div dangerouslySetInnerHTML={{ __html: post.html }} /></article>;
}
`,
    'app/rss.xml/route.ts': `import { getPosts } from '../../lib/posts';
export const dynamic = 'force-static';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
export function GET() {
  const items = getPosts().slice(0, 20).map((p) => \`<item><title>\${esc(p.title)}</title><link>https://example.com/posts/\${p.slug}/</link><description>\${esc(p.html)}</description></item>\`).join('');
  return new Response(\`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title><link>https://example.com/</link><description>b</description>\${items}</channel></rss>\`);
}
`,
    'app/llms.txt/route.ts': `import { getPosts } from '../../lib/posts';
export const dynamic = 'force-static';
export function GET() { return new Response(\`# Bench\\n\\n## Posts\\n\\n\${getPosts().map((p) => \`- [\${p.title}](https://example.com/posts/\${p.slug}/)\`).join('\\n')}\\n\`); }
`,
    'app/sitemap.xml/route.ts': `import { getPosts } from '../../lib/posts';
export const dynamic = 'force-static';
export function GET() {
  const urls = getPosts().map((p) => \`<url><loc>https://example.com/posts/\${p.slug}/</loc><lastmod>\${p.date}</lastmod></url>\`).join('');
  return new Response(\`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\${urls}</urlset>\`);
}
`,
  };
  for (const [file, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(naiveDir, file)), { recursive: true });
    fs.writeFileSync(path.join(naiveDir, file), body);
  }
}

// --- Hugo -----------------------------------------------------------------------------------------

const hugoDir = path.join(benchDir, 'hugo');

function writeHugoSite(): boolean {
  if (spawnSync('hugo', ['version']).status !== 0) {
    console.warn('⚠ hugo is not installed (Debian: apt-get install -y hugo); its row is left out.');
    return false;
  }
  fs.rmSync(hugoDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(hugoDir, 'layouts/_default'), { recursive: true });
  fs.cpSync(path.join(contentDir, 'posts'), path.join(hugoDir, 'content/posts'), { recursive: true });
  fs.writeFileSync(path.join(hugoDir, 'config.toml'), `baseURL = "https://example.com/"\ntitle = "Bench"\n[taxonomies]\ntag = "tags"\n[markup.highlight]\nnoClasses = false\n`);
  const base = '<!doctype html><html lang="en"><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>';
  fs.writeFileSync(path.join(hugoDir, 'layouts/_default/baseof.html'), base);
  fs.writeFileSync(path.join(hugoDir, 'layouts/_default/single.html'), '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}');
  fs.writeFileSync(path.join(hugoDir, 'layouts/_default/list.html'), '{{ define "main" }}<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}');
  return true;
}

// --- The run ---------------------------------------------------------------------------------------

interface Row {
  name: string;
  run: Run;
  files: number;
}

async function main() {
  console.log(`Generating ${posts} posts in ${path.relative(projectDir, contentDir)}/ …`);
  generateContent();
  const rows: Row[] = [];

  // This project: cold (no export, no .next, no card cache, no kept renderings or check results),
  // then nothing changed, then one post edited.
  for (const dir of [projectOut, projectEnv.OG_CACHE_DIR, path.join(projectDir, '.next'), path.join(projectDir, '.cache/build')]) fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.join(benchDir, '.out.build.json'), { force: true });
  const cold = await buildProject('npm run build, cold');
  if (cold.code !== 0) throw new Error('the cold build failed; see its output above');
  rows.push({ name: '`npm run build`, cold: every output and cards', run: cold, files: countFiles(projectOut) });
  const unchanged = await buildProject('npm run build, nothing changed');
  rows.push({ name: '`npm run build` again, nothing changed', run: unchanged, files: countFiles(projectOut) });
  const edited = path.join(contentDir, 'posts', `post-${String(Math.ceil(posts / 2)).padStart(5, '0')}.md`);
  fs.appendFileSync(edited, '\nOne more sentence, added by the benchmark.\n');
  const edit = await buildProject('npm run build, one post edited');
  rows.push({ name: '`npm run build` after editing one post', run: edit, files: countFiles(projectOut) });

  if (!skip.has('naive')) {
    writeNaiveApp();
    fs.rmSync(path.join(naiveDir, '.next'), { recursive: true, force: true });
    const naive = await measure('naive page-only Next.js export', process.execPath, [path.join(projectDir, 'node_modules/next/dist/bin/next'), 'build'], { cwd: naiveDir, env: { NODE_ENV: 'production' } });
    if (naive.code !== 0) throw new Error('the naive Next.js export failed; see its output above');
    rows.push({ name: 'naive page-only Next.js 16 export (a page per post, home, rss.xml, llms.txt, sitemap)', run: naive, files: countFiles(path.join(naiveDir, 'out')) });
  }
  if (!skip.has('hugo') && writeHugoSite()) {
    const version = /v[\d.]+/.exec(spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout)?.[0] ?? '';
    const hugo = await measure('Hugo', 'hugo', ['--quiet', '--destination', 'public'], { cwd: hugoDir });
    if (hugo.code !== 0) throw new Error('hugo failed; see its output above');
    rows.push({ name: `Hugo ${version} (Debian \`hugo\`: pages, tag pages, RSS, sitemap)`, run: hugo, files: countFiles(path.join(hugoDir, 'public')) });
  }

  const preview = skip.has('dev') ? undefined : await measurePreview();

  const naiveRow = rows.find((r) => r.name.startsWith('naive'));
  const ratio = (ms: number, base: number | undefined) => (base ? `${(ms / base).toFixed(2)}×` : '');
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`\n## ${posts.toLocaleString('en')} generated posts — ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end\n`);
  console.log('| build | wall | peak RSS | files | wall ÷ cold | wall ÷ naive Next |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const files = row.files.toLocaleString('en');
    console.log(`| ${row.name} | ${formatDuration(row.run.wallMs)} | ${Math.round(row.run.peakRssMb)} MB | ${files} | ${ratio(row.run.wallMs, cold.wallMs)} | ${ratio(row.run.wallMs, naiveRow?.run.wallMs)} |`);
  }
  if (preview) {
    console.log('\n| `npm run dev` | time |\n| --- | ---: |');
    console.log(`| start to the first page (a post) | ${formatDuration(preview.firstPageMs)} |`);
    console.log(`| a warm page | ${Math.round(preview.warmPageMs)} ms |`);
    console.log(`| the post's page after its file was saved | ${Math.round(preview.afterEditMs)} ms |`);
    console.log(`| then the home page, listing the new title | ${Math.round(preview.homeAfterEditMs)} ms |`);
    console.log(`| stopped and started again: the first page (renderings kept in .cache/dev) | ${formatDuration(preview.restartMs)} |`);
  }
  for (const [name, run] of [['cold', cold], ['nothing changed', unchanged], ['one post edited', edit]] as const) {
    console.log(`\nSteps of \`npm run build\`, ${name}:\n${stepLines(run).join('\n')}`);
  }
  if (!keep) fs.rmSync(benchDir, { recursive: true, force: true });
}

await main();
