import fs from 'node:fs';

// Resident memory of a process and all its descendants, from /proc: a build is `npm run build`,
// `next build` and its workers, and the figure that matters is what they hold together.

/** RSS in MB of `root` and its descendants; undefined where /proc does not exist (not Linux). */
export function treeRssMb(root: number = process.pid): number | undefined {
  if (!fs.existsSync('/proc/self/stat')) return undefined;
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      rss.set(pid, (Number(fields[21]) * 4096) / 2 ** 20);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples the tree's RSS every `intervalMs`; `takePeak()` returns the highest since the last call. */
export function peakSampler(intervalMs = 250) {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, treeRssMb() ?? 0));
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    takePeak(): number {
      sample();
      const value = peak;
      peak = 0;
      return value;
    },
    stop: () => clearInterval(timer),
  };
}
