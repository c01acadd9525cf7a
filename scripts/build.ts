// npm run build: validate the content, export the site with Next.js, and leave either a complete
// out/ or none at all. The export is built beside out/ and swapped in, so out/ is never half old,
// half new; when the code, config, lockfile, environment and content hash the same as the last
// export's, that export is kept.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serverRoutesInExport } from '@/lib/build-mode';
import type { Content } from '@/lib/content';
import type { FileToRender, LinkTargets } from '@/lib/content/render-file';
import { CONTENT_CACHE_ENV, readContentCache, writeContentCache } from '@/lib/content/cache';
import { REGENERATE_ENV } from '@/lib/incremental';
import { hostConfigDir } from '@/lib/paths';
import { peakSampler } from '@/lib/process-memory';
import { createProgress, formatDuration, type Progress } from '@/lib/progress';
import { ConfigError, getSite } from '@/lib/site';
import { PLACEHOLDER_PARAM } from '@/lib/static-params';
import { readCheckMemo, writeCheckMemo } from './check/memo';
import { codeHash, contentFileHashes, contentHash, readRecord, recordFile, staleReason, writeRecord } from './build-inputs';
import type { Plan } from './incremental';
import { dynamicRoutes } from './route-table';
import { acquireBuildLock } from './build-lock';
import { runNode } from './run-node';
import { typeCheckFailure } from './type-check';

// The content pipeline, the cards and the checks are imported where they are used (about 100 MB of
// modules): this process waits beside next build and its workers, and is better small then.

const projectDir = process.cwd();
const outDir = path.resolve(process.env.OUT_DIR || 'out');
const isInside = (root: string, dir: string) => dir.startsWith(`${root}${path.sep}`);
/** Next.js writes an export only inside the project: a folder elsewhere (`/var/www/site`) is staged in it. */
const outside = !isInside(projectDir, outDir);
/**
 * The new export is written here and moved to outDir once it passed the output check, so outDir
 * only ever holds a complete export. The name follows outDir, the same on every build to it: Next.js
 * compiles for one export folder, and the next build reuses that compile only for the same folder.
 */
const stagingDir = outside
  ? path.join(projectDir, `.next-export-${createHash('sha256').update(outDir).digest('hex').slice(0, 12)}`)
  : `${outDir}-next-export`;
const contentCacheFile = path.join(projectDir, '.cache/build/content.v8');
const renderMemoFile = path.join(projectDir, '.cache/build/renderings.v8');
const checkMemoFile = path.join(projectDir, '.cache/build/check.v8');
const regenerateFile = path.join(projectDir, '.cache/build/regenerate.json');
const lockFile = path.join(projectDir, '.cache/build/lock.json');
/** `--prepare-content <file>` runs the content step (prepareContent) with its input and result in <file>. */
const PREPARE_ARG = '--prepare-content';

/** Stops the content step and the type check when this process exits: a build stopped by one stops the other. */
const stopChildren = new AbortController();
const childrenStop = stopChildren.signal;
process.on('exit', () => stopChildren.abort());

/** Stops the build: no export in the project (out/), the previous one kept in a folder outside it. */
function fail(message: string): never {
  fs.rmSync(stagingDir, { recursive: true, force: true });
  if (!outside) {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(recordFile(outDir), { force: true });
    fs.rmSync(hostConfigDir(outDir), { recursive: true, force: true });
  }
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Refuses, before any work, an OUT_DIR that the build would destroy or could not write. */
function checkTarget(): string | undefined {
  if (outDir === projectDir || isInside(outDir, projectDir)) {
    return `OUT_DIR=${process.env.OUT_DIR} is the project folder or contains it, and the build replaces OUT_DIR entirely: choose an empty folder such as out/ or /var/www/site`;
  }
  if (!outside) return undefined;
  const parent = path.dirname(outDir);
  try {
    fs.accessSync(parent, fs.constants.W_OK);
  } catch {
    return `OUT_DIR=${process.env.OUT_DIR}: its parent folder ${parent} does not exist or is not writable; create it (mkdir -p ${parent}) or choose another folder`;
  }
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) return `OUT_DIR=${process.env.OUT_DIR} is a file, not a folder`;
  return undefined;
}

/** Each step's wall time, printed at the end so that a step growing faster than the site shows. */
// Each step's time and the peak memory of the whole build (this process, next build and its
// workers) while it ran: what to look at when a site grows.
const steps: { name: string; ms: number; peakMb: number }[] = [];
const memory = peakSampler();
const recordStep = (name: string, ms: number) => steps.push({ name, ms, peakMb: memory.takePeak() });
async function step<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  memory.takePeak();
  try {
    return await run();
  } finally {
    recordStep(name, performance.now() - started);
  }
}

/**
 * Where the generate run's output marks the end of a phase, in the order they come. The time from
 * one mark to the next is that phase's share of the build.
 */
const GENERATE_PHASES: [string, RegExp][] = [
  ['next build: collect page data', /Generating static pages[^(]*\(0\/\d+\)/],
  ['next build: static generation', /Generating static pages.*\((\d+)\/\1\)/],
];

/** From here on the compile run prints its view of the routes (all dynamic, nothing rendered yet). */
const COMPILE_RUN_TAIL = /^Route \(app\)|Build ran with "compile" mode/;
/** Lines of the compile run the generate run prints again, with what it really does. */
const COMPILE_RUN_REPEATS = /Collecting page data|Finalizing page optimization|Exporting using/;

/** Counts the files static generation has written, for a progress line Next does not print in a pipe. */
function countGenerated(dir: string): number {
  let count = 0;
  const walk = (d: string) => {
    let list: fs.Dirent[];
    try {
      list = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of list) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.meta')) count++;
    }
  };
  walk(dir);
  return count;
}

/**
 * Runs `next build` into `distDir` in two processes, echoing their output, timing their phases and
 * showing page progress. The compile run (Turbopack) ends before the generate run (page data, static
 * generation, export) starts, so the compiler's ~0.9 GB is handed back before the workers start.
 * `env.MDSITE_BUILD_ID` is the code hash.
 */
function nextBuild(distDir: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  let output = '';
  let phase = 0;
  let phaseStart = performance.now();
  let progress: Progress | undefined;
  let poll: NodeJS.Timeout | undefined;
  const generatedDir = path.join(projectDir, '.next/server/app');
  const endPhase = (name: string) => {
    const now = performance.now();
    recordStep(name, now - phaseStart);
    phaseStart = now;
  };
  const onGenerateLine = (line: string) => {
    for (let mark = GENERATE_PHASES[phase]; mark?.[1].test(line); mark = GENERATE_PHASES[++phase]) {
      endPhase(mark[0]);
      if (mark[0].endsWith('static generation')) {
        clearInterval(poll);
        progress?.finish();
        progress = undefined;
      }
    }
    // Piped, Next reports static generation by quarters: count the files it writes instead.
    const total = /Generating static pages[^(]*\(0\/(\d+)\)/.exec(line);
    if (total && !progress) {
      progress = createProgress({ label: 'Pages and files', total: Number(total[1]) });
      const baseline = countGenerated(generatedDir);
      poll = setInterval(() => progress?.update(countGenerated(generatedDir) - baseline), 1000);
    }
    if (!/Generating static pages/.test(line)) console.log(line);
  };
  let compileTail = false;
  const onCompileLine = (line: string) => {
    compileTail ||= COMPILE_RUN_TAIL.test(line);
    if (!compileTail && !COMPILE_RUN_REPEATS.test(line)) console.log(line);
  };
  const run = async (mode: 'compile' | 'generate') => {
    const result = await runNode([createRequire(import.meta.url).resolve('next/dist/bin/next'), 'build', `--experimental-build-mode=${mode}`], {
      // Always the export: MDSITE_MODE=server belongs to npm run build:server.
      env: {
        ...process.env,
        ...env,
        NODE_ENV: 'production',
        MDSITE_MODE: '',
        OUT_DIR: distDir,
        // The compile run's workers only look at the compiled routes: one is enough beside the compiler.
        ...(mode === 'compile' ? { NEXT_BUILD_CPUS: '1' } : {}),
      },
      onLine: mode === 'compile' ? onCompileLine : onGenerateLine,
    });
    // Each run's own output: the route list read after the build is the generate run's.
    output = result.output;
    return result.code;
  };
  return (async () => {
    // The compiled code in .next is the same for the same code hash and export folder: a build
    // after the last one (an incremental export above all) generates from it without compiling.
    const marker = path.join(projectDir, '.next', 'mdsite-compiled.json');
    const compiledFor = JSON.stringify({ code: env.MDSITE_BUILD_ID, distDir });
    const builtId = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
    if (builtId(marker) === compiledFor && builtId(path.join(projectDir, '.next', 'BUILD_ID')) === env.MDSITE_BUILD_ID) {
      console.log('next build: compile skipped: .next holds this code, compiled by the last build');
    } else {
      fs.rmSync(marker, { force: true });
      const compiled = await run('compile');
      endPhase('next build: compile');
      if (compiled !== 0) return { code: compiled, output };
      fs.writeFileSync(marker, compiledFor);
    }
    // The generate run's export reads the prerender manifest twice and Node caches the first read:
    // with the compile run's (empty) manifest on disk it would copy no page into the export.
    fs.rmSync(path.join(projectDir, '.next', 'prerender-manifest.json'), { force: true });
    const code = await run('generate');
    clearInterval(poll);
    progress?.finish();
    endPhase('next build: export copy and the rest');
    return { code, output };
  })();
}

/** Deletes what the placeholder params of empty dynamic segments wrote (see lib/static-params.ts). */
function removePlaceholders(dir: string) {
  for (const dirent of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, dirent.name);
    if (dirent.name === PLACEHOLDER_PARAM || dirent.name.startsWith(`${PLACEHOLDER_PARAM}.`)) fs.rmSync(full, { recursive: true });
    else if (dirent.isDirectory() && dirent.name !== '_next') removePlaceholders(full);
  }
}

/** Renders the Open Graph cards missing from the cache on every core; the export then reads them. */
async function prerenderOgCards(content: Content) {
  const [{ ogCards }, { cardProgress, missingGlyphs, prerenderCards, prerenderSummary }] = await Promise.all([import('@/lib/og/cards'), import('@/lib/og/prerender')]);
  const result = await prerenderCards(ogCards(content).map((card) => card.data), { progress: cardProgress });
  console.log(prerenderSummary(result));
  for (const line of missingGlyphs(result)) console.warn(`⚠ Open Graph card has characters no shipped font draws: ${line}`);
}

/** Full-text search: Pagefind indexes the exported pages in `dir`; the output check then reads the index. */
async function indexForSearch(dir: string, content: Content) {
  const { writeSearchIndex } = await import('@/lib/search/pagefind');
  try {
    const index = await writeSearchIndex(dir, content);
    console.log(`Search index: ${index.pages} pages → ${index.files} files, ${(index.bytes / 1024).toFixed(0)} KiB in pagefind/`);
  } catch (error) {
    fail(`The search index could not be written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The server configs (nginx include, Caddyfile, vercel.json) go beside the export, never into the folder a host publishes. */
async function writeHostConfigs(content: Content) {
  const { hostConfigs } = await import('@/lib/outputs/host-files');
  const configDir = hostConfigDir(outDir);
  fs.rmSync(configDir, { recursive: true, force: true });
  fs.mkdirSync(configDir);
  for (const file of hostConfigs(content)) fs.writeFileSync(path.join(configDir, file.name), file.body);
  return configDir;
}

/** The earliest date a scheduled post goes public: past it, the same inputs make a different export. */
function nextScheduled(content: Content): string | undefined {
  const now = content.site.buildDate.getTime();
  const future = content.all.flatMap((e) => (!e.draft && e.date && e.date.instant.getTime() > now ? [e.date.instant.getTime()] : []));
  return future.length ? new Date(Math.min(...future)).toISOString() : undefined;
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((d) => d.isFile()).length;
}

/** Replaces outDir with the finished export by renames beside it, so no reader sees a mix of both. */
function swapIn(finished: string) {
  const parent = path.dirname(outDir);
  const incoming = path.join(parent, `.${path.basename(outDir)}.incoming-${process.pid}`);
  const previous = path.join(parent, `.${path.basename(outDir)}.previous-${process.pid}`);
  try {
    fs.renameSync(finished, incoming);
  } catch (error) {
    // Another file system: copy beside the target first, so the switch below is still a rename.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(finished, incoming, { recursive: true });
    fs.rmSync(finished, { recursive: true, force: true });
  }
  if (fs.existsSync(outDir)) fs.renameSync(outDir, previous);
  fs.renameSync(incoming, outDir);
  fs.rmSync(previous, { recursive: true, force: true });
}

function printSteps(total: number) {
  const width = Math.max(...steps.map(({ name }) => name.length));
  const mb = (value: number) => (value ? `${Math.round(value).toLocaleString('en')} MB`.padStart(10) : '');
  console.log('\nBuild steps (time, peak memory of the build\'s processes):');
  for (const { name, ms, peakMb } of steps) console.log(`  ${name.padEnd(width)}  ${formatDuration(ms).padStart(10)}  ${mb(peakMb)}`);
  console.log(`  ${'total'.padEnd(width)}  ${formatDuration(total).padStart(10)}  ${mb(Math.max(0, ...steps.map((s) => s.peakMb)))}`);
  memory.stop();
}

interface PrepareInput {
  hashes: { code: string; content: string; files: Record<string, string> };
  stale: string;
}
type SerializedPlan = { incremental: false; reason: string } | { incremental: true; regenerate: string[]; changed: number; removed: number };
interface Prepared {
  plan: SerializedPlan;
  steps: typeof steps;
}

/**
 * Runs prepareContent in a child process and takes over its steps; exits as it does when it fails.
 * Returns the peak memory of this process's whole tree while it ran (the child's and anything beside it).
 */
async function prepareInChild(input: PrepareInput, buildDate: Date): Promise<Prepared & { treePeakMb: number }> {
  // One file per build: two builds of one project at once must not read each other's.
  const preparedFile = path.join(projectDir, `.cache/build/prepared-${process.pid}.json`);
  fs.mkdirSync(path.dirname(preparedFile), { recursive: true });
  fs.writeFileSync(preparedFile, JSON.stringify(input));
  const ownMb = process.memoryUsage.rss() / 2 ** 20;
  // The same Node flags (tsx's loader) and script, with the argument that selects prepareContent.
  // One "now" for both processes (and next build's workers): the content is published as of it.
  const env = { ...process.env, BUILD_DATE: buildDate.toISOString() };
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, PREPARE_ARG, preparedFile], { stdio: 'inherit', env, signal: childrenStop });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) {
    fs.rmSync(preparedFile, { force: true });
    process.exit(code ?? 1);
  }
  const prepared = JSON.parse(fs.readFileSync(preparedFile, 'utf8')) as Prepared;
  fs.rmSync(preparedFile, { force: true });
  // The child measured its own process tree; this process sat beside it.
  for (const s of prepared.steps) steps.push({ ...s, peakMb: s.peakMb + ownMb });
  return { ...prepared, treePeakMb: memory.takePeak() };
}

/** In the child process: load and render the content, decide what to generate, write the content cache and cards. */
async function prepareContent(preparedFile: string) {
  const { hashes, stale } = JSON.parse(fs.readFileSync(preparedFile, 'utf8')) as PrepareInput;
  const [{ buildContent, ContentError }, { loadContent }, { readRenderMemo, writeRenderMemo }, { renderOnThreads }, { siteLinkIssues }, { shadowedRedirects }, { pathClashes }, { planIncremental }] = await Promise.all([
    import('@/lib/content'),
    import('@/lib/content/load'),
    import('@/lib/content/render-memo'),
    import('@/lib/content/render-threads'),
    import('@/lib/outputs/site-links'),
    import('@/lib/outputs/redirects'),
    import('@/lib/outputs/registry'),
    import('./incremental'),
  ]);
  const site = getSite();
  const record = readRecord(outDir);
  let content: Content;
  try {
    content = await step('content: load and render', async () => {
      const reused = readRenderMemo(renderMemoFile, hashes.code);
      const renderMissing = async (files: FileToRender[], targets: LinkTargets) => {
        const started = performance.now();
        const { renderings, threads } = await renderOnThreads(files, targets, os.availableParallelism());
        console.log(`Markdown: ${files.length} file(s) rendered in ${formatDuration(performance.now() - started)} on ${threads} thread(s).`);
        return renderings;
      };
      const loaded = buildContent(site, await loadContent(site, { renderMissing }));
      writeRenderMemo(renderMemoFile, hashes.code);
      if (reused) console.log(`Markdown: renderings of unchanged files kept from the last build (${reused} saved).`);
      return loaded;
    });
    const linkIssues = siteLinkIssues(content);
    if (linkIssues.length) throw new ContentError(site.contentRoot, linkIssues);
    const shadowed = shadowedRedirects(content);
    if (shadowed.length) throw new ConfigError(`Invalid site config (site.config.ts):\n  ${shadowed.join('\n  ')}`);
    const clashes = pathClashes(content);
    if (clashes.length) {
      throw new ConfigError(`Two outputs at one path, so one would be lost:\n  ${clashes.join('\n  ')}\nRename the file, or change the setting that names it (indexNow.key in site.config.ts or INDEXNOW_KEY for the IndexNow key).`);
    }
  } catch (error) {
    if (error instanceof ContentError || error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // Only content changed since an export of this very code: generate what changed, keep the rest.
  const plan: Plan = stale !== 'the content changed' || !record?.snapshot
    ? { incremental: false, reason: stale }
    : planIncremental(record.snapshot, content, hashes.files);
  if (plan.incremental) {
    const keys = [...plan.regenerate];
    const count = (kind: string) => keys.filter((key) => key.startsWith(`${kind}:`)).length;
    console.log(
      `Incremental export: ${plan.changed} post(s) changed or added, ${plan.removed} removed; generating ${count('post')} post(s) with their neighbours, ` +
        `the pages and feeds of ${count('tag')} of ${content.tags.length} tag(s), and every other list (keeping ${count('keep')} numbered list page(s), twin(s) and feed archive(s) that show no change).`,
    );
    fs.mkdirSync(path.dirname(regenerateFile), { recursive: true });
    fs.writeFileSync(regenerateFile, JSON.stringify([...plan.regenerate]));
  } else {
    console.log(`Building the whole export: ${plan.reason}.`);
  }
  await step('content: cache for the build workers', () => writeContentCache(contentCacheFile, site, content.all));
  await step('Open Graph cards', () => prerenderOgCards(content));

  const serialized: SerializedPlan = plan.incremental ? { ...plan, regenerate: [...plan.regenerate] } : plan;
  memory.stop();
  fs.writeFileSync(preparedFile, JSON.stringify({ plan: serialized, steps } satisfies Prepared));
}

async function main() {
  const started = performance.now();
  // Checks that need no content come first: a broken tree fails in a second.
  const badTarget = checkTarget();
  if (badTarget) {
    console.error(`\n✖ ${badTarget}\n`);
    process.exit(1);
  }
  const leaks = serverRoutesInExport(projectDir);
  if (leaks.length) {
    fail(`These route files export write methods, which a static export silently drops:\n  ${leaks.map((l) => `${l.file}: ${l.methods.join(', ')}`).join('\n  ')}\nRename each to route.server.ts so only the server build (npm run build:server) has it.`);
  }

  await acquireBuildLock(lockFile, outDir, {
    onWait: (holder) =>
      console.log(`Another build of this project is running (pid ${holder.pid}, into ${holder.outDir}, since ${holder.startedAt}): this one starts when it ends.`),
  });

  let site;
  try {
    site = getSite();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const hashes = await step('hash inputs', () => {
    const files = contentFileHashes(site.contentRoot);
    return { code: codeHash(projectDir), files, content: contentHash(files) };
  });
  const record = readRecord(outDir);
  const stale = staleReason(outDir, record, hashes.code, hashes.content, site.buildDate);
  if (!stale) {
    console.log(`✓ Nothing changed since the last export (code ${hashes.code.slice(0, 8)}, content ${hashes.content.slice(0, 8)}): kept ${path.relative(projectDir, outDir) || '.'}/`);
    printSteps(performance.now() - started);
    return;
  }

  // Loading, rendering and the cards run in a child process that ends before next build starts:
  // what they leave in memory (syntax trees, fonts, V8 heap that is never handed back) would
  // otherwise sit beside next build and its workers. This process reads the content back after.
  // The code of the last export passed the type check. Other code is checked while the content
  // step runs (tsc and the content step each keep one core busy); a type error stops both.
  const typeCheckStart = performance.now();
  const typeChecked = record?.code === hashes.code
    ? undefined
    : typeCheckFailure(projectDir, childrenStop).then((failure) => {
        if (failure) fail(`The type check failed; no export was written.\n${failure}`);
        return performance.now() - typeCheckStart;
      });
  const prepared = await prepareInChild({ hashes, stale }, site.buildDate);
  if (typeChecked) steps.push({ name: 'TypeScript (beside the content step)', ms: await typeChecked, peakMb: Math.max(prepared.treePeakMb, memory.takePeak()) });
  const plan: Plan = prepared.plan.incremental ? { ...prepared.plan, regenerate: new Set(prepared.plan.regenerate) } : prepared.plan;

  fs.rmSync(stagingDir, { recursive: true, force: true });
  const { code, output } = await nextBuild(stagingDir, {
    [CONTENT_CACHE_ENV]: contentCacheFile,
    // One "now" for every worker, the one the cached content was published with.
    BUILD_DATE: site.buildDate.toISOString(),
    MDSITE_BUILD_ID: hashes.code,
    MDSITE_TYPES_CHECKED: '1',
    ...(plan.incremental ? { [REGENERATE_ENV]: regenerateFile } : {}),
  });
  if (code !== 0) fail(`next build failed (exit ${code}); no export was written.`);
  const dynamic = dynamicRoutes(output);
  if (dynamic.length) {
    fail(`These routes are dynamic and cannot be exported to a static host:\n  ${dynamic.join('\n  ')}\nGive them generateStaticParams or export const dynamic = 'force-static'.`);
  }
  if (!fs.existsSync(path.join(stagingDir, 'index.html'))) fail('next build wrote no index.html.');
  const [{ buildContent }, { hostFiles }, { mergePrevious, snapshotOf }, { checkExport, formatReport }] = await Promise.all([
    import('@/lib/content'),
    import('@/lib/outputs/registry'),
    import('./incremental'),
    import('./check'),
  ]);
  const content = await step('content: read back for the checks', () => {
    const entries = readContentCache(contentCacheFile, site);
    if (!entries) fail('The content changed while the site was building, so the pages may not match it: run npm run build again.');
    return buildContent(site, entries);
  });
  await step('host files', async () => {
    removePlaceholders(stagingDir);
    for (const { file } of hostFiles(content)) {
      const target = path.join(stagingDir, file.path.slice(1));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, await file.body());
    }
  });
  if (plan.incremental) {
    const taken = await step('merge the unchanged entries of the last export', () => mergePrevious(outDir, stagingDir, content, plan.regenerate));
    console.log(`Kept ${taken} files of unchanged entries from the last export.`);
  }
  // Pagefind reads the whole export, the entries kept from the last one included.
  await step('search index', () => indexForSearch(stagingDir, content));
  const problems = await step('output check', async () => {
    readCheckMemo(checkMemoFile, hashes.code);
    const found = await checkExport(stagingDir, content);
    writeCheckMemo(checkMemoFile, hashes.code);
    return found;
  });
  if (problems.length) fail(`The export failed the output check (npm run check); it was deleted.\n${formatReport(problems, stagingDir)}`);
  // The record describes the export in outDir: gone while the two are swapped, so a build stopped
  // between the renames starts cold.
  fs.rmSync(recordFile(outDir), { force: true });
  swapIn(stagingDir);
  const files = countFiles(outDir);
  writeRecord(outDir, { code: hashes.code, content: hashes.content, validUntil: nextScheduled(content), files, snapshot: snapshotOf(content, hashes.files) });
  const configDir = await writeHostConfigs(content);
  printSteps(performance.now() - started);
  const shown = (dir: string) => (outside ? dir : path.relative(projectDir, dir));
  console.log(`\n✓ Exported to ${shown(outDir)}/ (${files} files; server configs in ${shown(configDir)}/)`);
}

const prepareArg = process.argv.indexOf(PREPARE_ARG);
await (prepareArg > 0 ? prepareContent(process.argv[prepareArg + 1]!) : main());
