// npm run build: validate the content, export the site with Next.js, and leave either a complete
// out/ or none at all.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { serverRoutesInExport } from '@/lib/build-mode';
import { buildContent, ContentError, type Content } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { ogCards } from '@/lib/og/cards';
import { cardProgress, missingGlyphs, prerenderCards, prerenderSummary } from '@/lib/og/prerender';
import { ConfigError, getSite } from '@/lib/site';
import { PLACEHOLDER_PARAM } from '@/lib/static-params';
import { hostConfigDir, hostConfigs } from '@/lib/outputs/host-files';
import { hostFiles } from '@/lib/outputs/registry';
import { writeSearchIndex } from '@/lib/search/pagefind';
import { siteLinkIssues } from '@/lib/outputs/site-links';
import { checkExport, formatReport } from './check';
import { dynamicRoutes } from './route-table';

const projectRoot = process.cwd();
const target = path.resolve(process.env.OUT_DIR || 'out');
const isInside = (root: string, dir: string) => dir.startsWith(`${root}${path.sep}`);
/**
 * Next.js writes an export only inside the project. A folder elsewhere (`/var/www/site`) is built in
 * a staging folder inside the project and moved into place at the end, so the target only ever
 * holds a complete export: the previous one until the new one has passed every check.
 */
const outside = !isInside(projectRoot, target);
const outDir = outside ? path.join(projectRoot, `.next-export-${process.pid}`) : target;

function fail(message: string): never {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(hostConfigDir(target), { recursive: true, force: true });
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Refuses, before any work, an OUT_DIR that the build would destroy or could not write. */
function checkTarget(): string | undefined {
  if (target === projectRoot || isInside(target, projectRoot)) {
    return `OUT_DIR=${process.env.OUT_DIR} is the project folder or contains it, and the build replaces OUT_DIR entirely: choose an empty folder such as out/ or /var/www/site`;
  }
  if (!outside) return undefined;
  const parent = path.dirname(target);
  try {
    fs.accessSync(parent, fs.constants.W_OK);
  } catch {
    return `OUT_DIR=${process.env.OUT_DIR}: its parent folder ${parent} does not exist or is not writable; create it (mkdir -p ${parent}) or choose another folder`;
  }
  if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) return `OUT_DIR=${process.env.OUT_DIR} is a file, not a folder`;
  return undefined;
}

/** Moves a finished export from the staging folder to the target outside the project. */
function moveIntoPlace() {
  const parent = path.dirname(target);
  const incoming = path.join(parent, `.${path.basename(target)}.incoming-${process.pid}`);
  const previous = path.join(parent, `.${path.basename(target)}.previous-${process.pid}`);
  try {
    fs.renameSync(outDir, incoming);
  } catch (error) {
    // Another file system: copy beside the target first, so the switch below is still a rename.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(outDir, incoming, { recursive: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  if (fs.existsSync(target)) fs.renameSync(target, previous);
  fs.renameSync(incoming, target);
  fs.rmSync(previous, { recursive: true, force: true });
}

/** Runs `next build`, echoing its output, and returns what it printed. */
function nextBuild(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [createRequire(import.meta.url).resolve('next/dist/bin/next'), 'build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Always the export: MDSITE_MODE=server belongs to npm run build:server.
      env: { ...process.env, NODE_ENV: 'production', MDSITE_MODE: '', OUT_DIR: outDir },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk; process.stderr.write(chunk); });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
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
  const result = await prerenderCards(ogCards(content).map((card) => card.data), { progress: cardProgress });
  console.log(prerenderSummary(result));
  for (const line of missingGlyphs(result)) console.warn(`⚠ Open Graph card has characters no shipped font draws: ${line}`);
}

/** Full-text search: Pagefind indexes the exported pages; the output check then reads the index. */
async function indexForSearch(content: Content) {
  try {
    const index = await writeSearchIndex(outDir, content);
    console.log(`Search index: ${index.pages} pages → ${index.files} files, ${(index.bytes / 1024).toFixed(0)} KiB in pagefind/`);
  } catch (error) {
    fail(`The search index could not be written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main() {
  // Checks that need no content come first: a broken tree fails in a second.
  const badTarget = checkTarget();
  if (badTarget) {
    console.error(`\n✖ ${badTarget}\n`);
    process.exit(1);
  }
  const leaks = serverRoutesInExport(process.cwd());
  if (leaks.length) {
    fail(`These route files export write methods, which a static export silently drops:\n  ${leaks.map((l) => `${l.file}: ${l.methods.join(', ')}`).join('\n  ')}\nRename each to route.server.ts so only the server build (npm run build:server) has it.`);
  }

  let content: Content;
  try {
    const site = getSite();
    content = buildContent(site, await loadContent(site));
    const linkIssues = siteLinkIssues(content);
    if (linkIssues.length) throw new ContentError(site.contentRoot, linkIssues);
  } catch (error) {
    if (error instanceof ContentError || error instanceof ConfigError) fail(error.message);
    throw error;
  }
  await prerenderOgCards(content);


  fs.rmSync(outDir, { recursive: true, force: true });
  const { code, output } = await nextBuild();
  if (code !== 0) fail(`next build failed (exit ${code}); no export was written.`);
  const dynamic = dynamicRoutes(output);
  if (dynamic.length) {
    fail(`These routes are dynamic and cannot be exported to a static host:\n  ${dynamic.join('\n  ')}\nGive them generateStaticParams or export const dynamic = 'force-static'.`);
  }
  if (!fs.existsSync(path.join(outDir, 'index.html'))) fail(`next build wrote no ${path.relative(projectRoot, outDir)}/index.html.`);
  removePlaceholders(outDir);
  for (const { file } of hostFiles(content)) {
    const target = path.join(outDir, file.path.slice(1));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, await file.body());
  }
  // Server configs go beside the export, never into the folder a host publishes.
  const configDir = hostConfigDir(target);
  fs.rmSync(configDir, { recursive: true, force: true });
  fs.mkdirSync(configDir);
  for (const file of hostConfigs(content)) fs.writeFileSync(path.join(configDir, file.name), file.body);
  await indexForSearch(content);
  const problems = await checkExport(outDir, content);
  if (problems.length) fail(`The export failed the output check (npm run check); it was deleted.\n${formatReport(problems, outDir)}`);
  if (outside) moveIntoPlace();
  console.log(`\n✓ Exported to ${outside ? target : path.relative(projectRoot, target)}/ (server configs in ${outside ? configDir : path.relative(projectRoot, configDir)}/)`);
}

await main();
