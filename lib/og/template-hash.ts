import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Build time only (next.config.ts, the pre-render and the benchmark): the hash of the code that draws a
// card, which the card cache key includes (cache.ts). Routes get it as a constant that Next.js writes
// into the bundle, so nothing reads source files while serving, and the project folder may be anywhere.

/** The modules whose code decides what a card looks like. */
export const DRAWING_MODULES = ['template.tsx', 'render.ts', 'fonts.ts'];

/**
 * A module's code as TypeScript prints it, without comments and blank lines (the printer keeps those),
 * so neither comments nor layout count.
 */
function normalizedCode(ts: typeof import('typescript'), file: string): string {
  const source = fs.readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: { removeComments: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.Preserve },
  });
  return outputText
    .split('\n')
    .filter((line) => line.trim())
    .join('\n');
}

/**
 * Hash of the drawing modules in `dir` (default: this folder). TypeScript (a dev dependency) is loaded
 * here only, so `next start`, which loads next.config.ts but does not call this, runs without it.
 */
export async function templateHash(dir: string = import.meta.dirname): Promise<string> {
  const { default: ts } = await import('typescript');
  const hash = createHash('sha256');
  for (const name of DRAWING_MODULES) hash.update(`${name}\0${normalizedCode(ts, path.join(dir, name))}\0`);
  return hash.digest('hex').slice(0, 16);
}

let ownHash: Promise<string> | undefined;

/** Sets OG_TEMPLATE_HASH for this process and the threads it starts (computed once per process). */
export async function ensureTemplateHash(): Promise<void> {
  process.env.OG_TEMPLATE_HASH = await (ownHash ??= templateHash());
}
