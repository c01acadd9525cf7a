import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, type ProgressOptions } from '@/lib/progress';

/** A progress on a recording stream with a clock the test moves. */
function recorded(options: Partial<ProgressOptions> & { interactive: boolean }) {
  const writes: string[] = [];
  let time = 0;
  const progress = createProgress({
    label: 'Cards',
    total: 100,
    stream: { write: (text: string) => writes.push(text) } as unknown as NodeJS.WritableStream,
    now: () => time,
    ...options,
  });
  return { progress, writes, advance: (ms: number) => (time += ms) };
}

describe('progress', () => {
  it('rewrites one line on a terminal, with the count, the share and an ETA from the rate so far', () => {
    const { progress, writes, advance } = recorded({ interactive: true });
    advance(2000);
    progress.update(25);
    advance(50); // within 100 ms of the last update: not drawn
    progress.update(26);
    advance(2000);
    progress.update(50);
    progress.finish();
    expect(writes).toEqual(['\r\x1b[2KCards 25/100 (25%) · ETA 6 s', '\r\x1b[2KCards 50/100 (50%) · ETA 4 s', '\r\x1b[2KCards 100/100 in 4 s\n']);
    expect(writes.slice(0, -1).join('')).not.toContain('\n');
  });

  it('prints plain lines at most every few seconds in a log, and no repeated line', () => {
    const { progress, writes, advance } = recorded({ interactive: false });
    for (let i = 1; i <= 100; i++) {
      advance(200); // 20 s in all: a line at the first update, then one each 5 s
      progress.update(i);
    }
    progress.finish();
    expect(writes).toEqual([
      'Cards 1/100 (1%) · ETA 20 s\n',
      'Cards 26/100 (26%) · ETA 15 s\n',
      'Cards 51/100 (51%) · ETA 10 s\n',
      'Cards 76/100 (76%) · ETA 5 s\n',
      'Cards 100/100 in 20 s\n',
    ]);
    expect(writes.join('')).not.toMatch(/\r|\x1b/);
  });

  it('predicts nothing before the first item is done, and never counts past the total', () => {
    const { progress, writes, advance } = recorded({ interactive: false, intervalMs: 0 });
    progress.update(0);
    advance(10);
    progress.update(140);
    expect(writes).toEqual(['Cards 0/100 (0%)\n', 'Cards 100/100 (100%)\n']);
  });

  it('uses a terminal only when the stream is one and CI is not set', () => {
    const writes: string[] = [];
    const stream = { isTTY: true, write: (text: string) => writes.push(text) } as unknown as NodeJS.WritableStream;
    const ci = process.env.CI;
    try {
      process.env.CI = 'true';
      createProgress({ label: 'A', total: 1, stream }).finish();
      delete process.env.CI;
      createProgress({ label: 'B', total: 1, stream }).finish();
    } finally {
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
    }
    expect(writes[0]).toMatch(/^A 1\/1 in /);
    expect(writes[1]).toMatch(/^\r\x1b\[2KB 1\/1 in /);
  });

  it('formats durations as people read them', () => {
    expect([850, 42_000, 185_000, 3_720_000].map(formatDuration)).toEqual(['850 ms', '42 s', '3 min 05 s', '1 h 02 min']);
  });
});
