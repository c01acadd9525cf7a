import { spawn } from 'node:child_process';

export interface NodeRun {
  code: number;
  /** Standard output and error, interleaved as they came. */
  output: string;
}

/**
 * Runs a Node.js script in a child process with this Node, collecting its output; `onLine` sees
 * each line as it comes (carriage returns removed). An aborted `signal` kills the child.
 */
export function runNode(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal; onLine?: (line: string) => void } = {}): Promise<NodeRun> {
  const { onLine, ...spawnOptions } = options;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (!onLine) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line.replace(/\r/g, ''));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // Spawning failed (or the signal aborted it): 'close' follows with no exit code.
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code) => {
      if (pending) onLine?.(pending.replace(/\r/g, ''));
      resolve({ code: code ?? 1, output });
    });
  });
}
