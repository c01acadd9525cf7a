// npm run check: validates an export folder (OUT_DIR, or out/) against the content it was built
// from. scripts/build.ts runs the same check at the end of every build.
import path from 'node:path';
import { buildContent } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { getSite } from '@/lib/site';
import { checkExport, formatReport } from './check';

export async function checkOutDir(outDir: string): Promise<string | undefined> {
  const site = getSite();
  const content = buildContent(site, await loadContent(site));
  const problems = await checkExport(outDir, content);
  return problems.length ? formatReport(problems, outDir) : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = path.resolve(process.env.OUT_DIR || 'out');
  const report = await checkOutDir(outDir);
  if (report) {
    console.error(`\n✖ ${report}\n`);
    process.exit(1);
  }
  console.log(`✓ ${path.relative(process.cwd(), outDir) || '.'}/ passed every output check`);
}
