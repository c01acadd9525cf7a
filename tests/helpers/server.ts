import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './export-build';

/** Builds server mode (`npm run build:server`) into its own folder `.next-test-<name>/`. */
export function buildServer(name: string, env: Record<string, string> = {}): Promise<{ code: number; output: string; distDir: string }> {
  const distDir = `.next-test-${name}`;
  fs.rmSync(path.join(ROOT, distDir), { recursive: true, force: true });
  // next build adds `<distDir>/types/**/*.ts` to tsconfig.json's include; a test build must not edit the repository.
  const tsconfig = path.join(ROOT, 'tsconfig.json');
  const tsconfigText = fs.readFileSync(tsconfig, 'utf8');
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build:server'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', DIST_DIR: distDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    child.on('close', (code) => {
      fs.writeFileSync(tsconfig, tsconfigText);
      resolve({ code: code ?? 1, output, distDir });
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server wrote so far, stdout and stderr. */
  output: () => string;
  /** JSON log lines written so far. */
  logs: () => Record<string, unknown>[];
  /** Sends a signal to the server's process group and resolves when all of it has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts `npm start` on a free port with the built server in `distDir`, and waits until it answers. */
export async function startServer(distDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  // detached: the server gets its own process group, so stop() reaches npm, sh and Next.js together.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DIST_DIR: distDir, PORT: String(port), HOSTNAME: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  // 'close' waits for every process holding the output pipes (npm, sh and the server) to finish.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    // Wait for the pipes to close first: the last lines (why it stopped) may still be in them.
    if (child.exitCode !== null) throw new Error(`server exited early:\n${await exited.then(() => output)}`);
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not answer within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    port,
    child,
    output: () => output,
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: async (signal = 'SIGTERM') => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // The group is gone already.
      }
      return exited;
    },
  };
}
