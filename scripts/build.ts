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
import { missingGlyphs, prerenderCards, prerenderSummary } from '@/lib/og/prerender';
import { ConfigError, getSite } from '@/lib/site';
import { PLACEHOLDER_PARAM } from '@/lib/static-params';
import { hostFiles } from '@/lib/outputs/registry';
import { writeSearchIndex } from '@/lib/search/pagefind';
import { checkExport, formatReport } from './check';
import { dynamicRoutes } from './route-table';

const outDir = path.resolve(process.env.OUT_DIR || 'out');

function fail(message: string): never {
  fs.rmSync(outDir, { recursive: true, force: true });
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Runs `next build`, echoing its output, and returns what it printed. */
function nextBuild(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [createRequire(import.meta.url).resolve('next/dist/bin/next'), 'build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Always the export: MDSITE_MODE=server belongs to npm run build:server.
      env: { ...process.env, NODE_ENV: 'production', MDSITE_MODE: '' },
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
  const result = await prerenderCards(ogCards(content).map((card) => card.data));
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
  const leaks = serverRoutesInExport(process.cwd());
  if (leaks.length) {
    fail(`These route files export write methods, which a static export silently drops:\n  ${leaks.map((l) => `${l.file}: ${l.methods.join(', ')}`).join('\n  ')}\nRename each to route.server.ts so only the server build (npm run build:server) has it.`);
  }

  let content: Content;
  try {
    const site = getSite();
    content = buildContent(site, await loadContent(site));
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
  if (!fs.existsSync(path.join(outDir, 'index.html'))) fail(`next build wrote no ${path.relative(process.cwd(), outDir)}/index.html.`);
  removePlaceholders(outDir);
  for (const { file } of hostFiles(content)) fs.writeFileSync(path.join(outDir, file.path.slice(1)), await file.body());
  await indexForSearch(content);
  const problems = await checkExport(outDir, content);
  if (problems.length) fail(`The export failed the output check (npm run check); it was deleted.\n${formatReport(problems, outDir)}`);
  console.log(`\n✓ Exported to ${path.relative(process.cwd(), outDir) || '.'}/`);
}

await main();
