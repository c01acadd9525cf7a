import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/export-build';

// The build's Next.js workers limit how far V8 lets the heap grow between collections
// (lib/content/cache.ts): the same work in a fresh process, with and without the limit.
const peakHeapMib = (mode: 'default' | 'limit') =>
  Number(execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'tests/fixtures/heap-churn.ts', mode], { cwd: ROOT, encoding: 'utf8' }).trim());

describe('the heap of a build worker', () => {
  it('grows to well under what V8 allows by default for the same live objects', () => {
    const unlimited = peakHeapMib('default');
    const limited = peakHeapMib('limit');
    // About 100 MB stay alive: by default V8 reserved ~4× that here, limited ~1.8×.
    expect(limited).toBeGreaterThan(100);
    expect(limited).toBeLessThan(unlimited * 0.6);
  }, 60_000);
});
