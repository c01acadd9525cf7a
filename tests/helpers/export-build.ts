import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostConfigDir } from '@/lib/paths';
import { recordFile } from '@/scripts/build-inputs';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface BuildResult {
  code: number;
  output: string;
  /** Absolute path of the export folder. */
  outDir: string;
}

/**
 * Runs `npm run build` (scripts/build.ts) for a content folder into its own export folder
 * `.next-test-<name>/`, the way a user would, with the given environment on top. `offline` runs it
 * in a new network namespace with no network at all (Linux `unshare --net`, as root); `outside`
 * puts the export folder outside the project (`<tmp>/mdsite-test-<name>/`), where Next.js cannot
 * write it directly.
 */
export function exportSite(name: string, env: Record<string, string>, { offline = false, fresh = true, outside = false } = {}): Promise<BuildResult> {
  const outDir = outside ? path.join(os.tmpdir(), `mdsite-test-${name}`) : path.join(ROOT, `.next-test-${name}`);
  // `fresh: false` builds over the previous export of the same name (nothing changed, incremental);
  // a fresh build also forgets the record of it, which an earlier run of the tests left beside.
  if (fresh) {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(recordFile(outDir), { force: true });
  }
  const build = [process.execPath, path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts'];
  const [command, ...args] = offline ? ['unshare', '--net', ...build] : build;
  return new Promise((resolve) => {
    const child = spawn(command!, args, {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', OUT_DIR: outDir, BUILD_DATE: '2026-01-01T00:00:00Z', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    child.on('close', (code) => resolve({ code: code ?? 1, output, outDir }));
  });
}

/** Deletes an export with what the build writes beside it: its record and its server configs. */
export function removeExport(outDir: string): void {
  for (const dir of [outDir, recordFile(outDir), hostConfigDir(outDir)]) fs.rmSync(dir, { recursive: true, force: true });
}

export const fixture = (name: string) => path.join(ROOT, 'tests/fixtures', name);

export function readOut(outDir: string, file: string): string {
  return fs.readFileSync(path.join(outDir, file), 'utf8');
}
