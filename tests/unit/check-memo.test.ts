import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { byText } from '@/scripts/check/memo';
import { ROOT } from '../helpers/export-build';

// What the output check keeps of each file must not keep the file's text: V8 cuts substrings as
// slices that hold their whole parent string (over a gigabyte of page text at 10,000 posts).
const heapMib = (mode: 'kept' | 'detached') =>
  Number(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/fixtures/detached-texts.ts', mode], { cwd: ROOT, encoding: 'utf8' }).split(' ')[0]);

describe('the output check memo', () => {
  it('keeps parsed parts without the texts they were cut from', () => {
    const kept = heapMib('kept');
    const freed = heapMib('detached');
    // 200 texts of 1 MB: cut parts hold them all, detached ones none.
    expect(kept).toBeGreaterThan(150);
    expect(freed).toBeLessThan(30);
  }, 60_000);

  it('computes once per text and returns the same result after', () => {
    let calls = 0;
    const links = byText('test-links', (text) => {
      calls++;
      return { links: text.split(' ') };
    });
    const first = links('/a/ /b/');
    expect(links('/a/ /b/')).toBe(first);
    expect(calls).toBe(1);
    expect(links('/a/ /c/')).not.toBe(first);
    expect(calls).toBe(2);
  });
});
