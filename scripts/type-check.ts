import { createRequire } from 'node:module';
import path from 'node:path';
import { runNode } from './run-node';

/**
 * Type-checks a Next.js project the way `next build` does (route types, then tsc) and returns what
 * failed, or undefined. `npm run build` runs it beside its content step, before next build, so
 * that the compiler's memory is never held beside next build's.
 */
export async function typeCheckFailure(projectDir: string, signal?: AbortSignal): Promise<string | undefined> {
  const resolve = createRequire(import.meta.url).resolve;
  // Route types go to .next/types, which tsconfig.check.json includes. With OUT_DIR or DIST_DIR as distDir,
  // Next would add that folder to tsconfig.json, changing the code hash of the next build.
  const env: NodeJS.ProcessEnv = { ...process.env, MDSITE_MODE: '' };
  delete env.OUT_DIR;
  delete env.DIST_DIR;
  for (const args of [[resolve('next/dist/bin/next'), 'typegen'], [resolve('typescript/bin/tsc'), '--noEmit', '--project', 'tsconfig.check.json']]) {
    const { code, output } = await runNode(args, { cwd: projectDir, env, signal });
    if (code !== 0) return `${path.basename(args[0]!)} ${args.slice(1).join(' ')}:\n${output.trim()}`;
  }
  return undefined;
}
