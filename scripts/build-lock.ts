// One `npm run build` at a time per project. Builds share the project's compile folder and
// .cache/build (content cache, rendering and check memos): a second build started beside a running
// one, even into another OUT_DIR, would overwrite the content the first one's workers read. It waits
// for the first to finish instead, and says so.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

interface LockHolder {
  pid: number;
  startedAt: string;
  outDir: string;
}

/** A lock file younger than this may still be being written by the build that created it. */
const WRITING_MS = 2000;

/**
 * Whether the build that wrote the lock still runs (one stopped with -9 or Ctrl-C leaves its lock
 * behind). Where /proc tells, a process that took over the number since is no build.
 */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('build');
  } catch {
    return true;
  }
}

const ageMs = (file: string) => {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
};

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    // Gone in between, or cut short by a crash while it was written: either way nobody holds it.
    return undefined;
  }
}

export interface BuildLockOptions {
  /** Called once when another build holds the lock, before waiting for it. */
  onWait?: (holder: LockHolder) => void;
  /** How often to look again while waiting. */
  pollMs?: number;
}

/**
 * Takes the project's build lock, waiting while a running build holds it; a lock whose process is
 * gone is taken over. The lock is released when this process exits, or by the returned function.
 */
export async function acquireBuildLock(file: string, outDir: string, { onWait, pollMs = 500 }: BuildLockOptions = {}): Promise<() => void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const mine: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), outDir };
  let told = false;
  for (;;) {
    try {
      // 'wx' creates the file only if it does not exist: of two builds starting at once, one wins.
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (!holder && ageMs(file) < WRITING_MS) {
      await sleep(Math.min(pollMs, 100));
      continue;
    }
    if (!holder || !isRunning(holder.pid)) {
      // Stale: remove it only if it is still that same stale lock, then race for it again.
      if (JSON.stringify(readHolder(file)) === JSON.stringify(holder)) fs.rmSync(file, { force: true });
      continue;
    }
    if (!told) {
      onWait?.(holder);
      told = true;
    }
    await sleep(pollMs);
  }
  const release = () => {
    if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}
