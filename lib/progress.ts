// Progress of a long build step: "label n/N (p%) · ETA". On a terminal it is one line rewritten in
// place; elsewhere (CI logs, files, pipes) it is a plain line now and then, so a log stays readable.

export interface ProgressOptions {
  /** What is counted, e.g. "Open Graph cards". */
  label: string;
  total: number;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Rewrite one line (a terminal) or print plain lines; default: the stream is a TTY and CI is unset. */
  interactive?: boolean;
  /** Least time between two updates: 100 ms on a terminal, 5 s in a log. */
  intervalMs?: number;
  /** Milliseconds clock, for tests. */
  now?: () => number;
}

export interface Progress {
  /** Reports `done` of the total (it may be called as often as wanted: output is throttled). */
  update(done: number): void;
  /** Prints the final count with the time taken, and ends the line. */
  finish(): void;
}

/** A duration as people read it: "850 ms", "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor(s / 60) % 60)} min`;
}

export function createProgress({
  label,
  total,
  stream = process.stdout,
  interactive = Boolean(stream.isTTY) && !process.env.CI,
  intervalMs = interactive ? 100 : 5000,
  now = () => performance.now(),
}: ProgressOptions): Progress {
  const start = now();
  let shown = -Infinity;
  let done = 0;
  let lastLine = '';

  const line = () => {
    const elapsed = now() - start;
    const percent = total ? Math.floor((100 * done) / total) : 100;
    // The rate so far predicts the rest; nothing is predicted before the first item is done.
    const eta = done > 0 && done < total ? ` · ETA ${formatDuration((elapsed / done) * (total - done))}` : '';
    return `${label} ${done}/${total} (${percent}%)${eta}`;
  };

  const write = (text: string, final: boolean) => {
    if (interactive) {
      // \r and "erase line" keep one line; a shorter text must not leave the end of a longer one.
      stream.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
    } else if (final || text !== lastLine) {
      stream.write(`${text}\n`);
    }
    lastLine = text;
  };

  return {
    update(count) {
      done = Math.min(count, total);
      const t = now();
      if (t - shown < intervalMs) return;
      shown = t;
      write(line(), false);
    },
    finish() {
      done = total;
      write(`${label} ${total}/${total} in ${formatDuration(now() - start)}`, true);
    },
  };
}
