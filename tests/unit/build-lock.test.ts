import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireBuildLock } from '@/scripts/build-lock';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-lock-'));
const lockFile = path.join(dir, 'nested/lock.json');
const children: ChildProcess[] = [];

/** A running process whose command line looks like a build's (or not). */
function startProcess(argument: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', argument], { stdio: 'ignore' });
  children.push(child);
  return child;
}

const writeLock = (pid: number) => {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  fs.writeFileSync(lockFile, JSON.stringify({ pid, startedAt: '2026-01-01T00:00:00.000Z', outDir: '/srv/other' }));
  // Older than a lock still being written.
  fs.utimesSync(lockFile, new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));
};

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  fs.rmSync(lockFile, { force: true });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('build lock', () => {
  it('is taken when free, names this build, and is gone once released', async () => {
    const release = await acquireBuildLock(lockFile, '/srv/site');
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, outDir: '/srv/site' });
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('waits while a running build holds it, and says so once', async () => {
    const holder = startProcess('scripts/build.ts');
    writeLock(holder.pid!);
    const waits: unknown[] = [];
    let acquired = false;
    const taking = acquireBuildLock(lockFile, '/srv/site', { pollMs: 50, onWait: (h) => waits.push(h) }).then((release) => {
      acquired = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(acquired).toBe(false);
    expect(waits).toEqual([{ pid: holder.pid, startedAt: '2026-01-01T00:00:00.000Z', outDir: '/srv/other' }]);
    // The other build ends (and, stopped hard, leaves its lock behind).
    holder.kill('SIGKILL');
    const release = await taking;
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('takes over the lock of a build that is gone, or of a process number reused by something else', async () => {
    const ended = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    for (const pid of [ended, startProcess('not-a-site-tool').pid!]) {
      writeLock(pid);
      const waits: unknown[] = [];
      const release = await acquireBuildLock(lockFile, '/srv/site', { pollMs: 50, onWait: (h) => waits.push(h) });
      expect(waits).toEqual([]);
      expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
      release();
    }
  });

  it('leaves a lock alone that another build took in the meantime', async () => {
    const release = await acquireBuildLock(lockFile, '/srv/site');
    const other = startProcess('scripts/build.ts');
    writeLock(other.pid!);
    release();
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(other.pid);
  });
});
