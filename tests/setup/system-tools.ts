import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// The programs outside node_modules that the tests drive, in one list: how each is found, the Debian
// package that provides it, and the test projects that need it. Before a project runs, its global
// setup (./global-setup.ts) checks them; as root with apt-get on PATH it installs what is missing,
// otherwise it stops the run with the command to type. Helpers and tests take the paths from
// `systemTool`, the same lookup, so what the setup checked is what the tests run.

export type Env = Record<string, string | undefined>;
export type ProjectName = 'unit' | 'export' | 'e2e' | 'server';
type Lookup = { path: string } | { problem: string };

export interface SystemTool {
  debianPackage: string;
  /** What the tests do with it. */
  usedFor: string;
  projects: readonly ProjectName[];
  /** The environment variable that points at it on a machine laid out otherwise than Debian. */
  override: string;
  /** A working installation (executable or folder), or what is wrong. */
  find: (env: Env) => Lookup;
}

/** The first executable file named `command` in the folders of env.PATH. */
export function onPath(command: string, env: Env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, command);
    if (dir && isExecutable(file)) return file;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Runs a short probe; a tool that is present but broken (missing libraries, say) fails here. */
function probe(file: string, args: string[], env: Env): Lookup {
  const run = spawnSync(file, args, { env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  if (run.status === 0) return { path: file };
  const why = run.error?.message ?? (run.stderr.trim().split('\n').slice(-3).join(' / ') || `exit code ${run.status}`);
  return { problem: `\`${[file, ...args].join(' ')}\` failed: ${why}` };
}

/** The newest Debian PostgreSQL server folder, /usr/lib/postgresql/<version>/bin. */
function debianPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => path.join(root, v, 'bin')).find((dir) => isExecutable(path.join(dir, 'initdb')));
}

const isRoot = () => process.getuid?.() === 0;

export const SYSTEM_TOOLS = {
  chromium: {
    debianPackage: 'chromium',
    usedFor: 'the browser tests',
    projects: ['export', 'e2e', 'server'],
    override: 'CHROMIUM_PATH',
    find(env) {
      const file = env.CHROMIUM_PATH || onPath('chromium', env);
      if (!file) return { problem: '`chromium` is not on PATH' };
      return isExecutable(file) ? probe(file, ['--version'], env) : { problem: `${file} is not an executable file` };
    },
  },
  feedparser: {
    debianPackage: 'python3-feedparser',
    usedFor: 'reading the feeds with an independent parser',
    projects: ['unit', 'export'],
    override: 'FEEDPARSER_PYTHON',
    find(env) {
      // Debian's own interpreter: the apt package installs for it, not for a python3 of pyenv or a venv.
      const python = env.FEEDPARSER_PYTHON || '/usr/bin/python3';
      if (!isExecutable(python)) return { problem: `${python} is not an executable file` };
      return probe(python, ['-c', 'import feedparser'], env);
    },
  },
  nginx: {
    debianPackage: 'nginx',
    usedFor: 'serving an export with the generated nginx include',
    projects: ['export'],
    override: 'NGINX_PATH',
    find(env) {
      const file = env.NGINX_PATH || ['/usr/sbin/nginx', '/usr/bin/nginx'].find((f) => isExecutable(f));
      return file ? probe(file, ['-v'], env) : { problem: 'no nginx in /usr/sbin or /usr/bin' };
    },
  },
  caddy: {
    debianPackage: 'caddy',
    usedFor: 'serving an export with the generated Caddyfile',
    projects: ['export'],
    override: 'CADDY_PATH',
    find(env) {
      const file = env.CADDY_PATH || onPath('caddy', env);
      return file ? probe(file, ['version'], env) : { problem: '`caddy` is not on PATH' };
    },
  },
  postgresql: {
    debianPackage: 'postgresql',
    usedFor: 'throw-away PostgreSQL clusters for the server tests',
    projects: ['server'],
    override: 'POSTGRES_BIN',
    find(env) {
      const dir = env.POSTGRES_BIN || debianPostgresBin();
      if (!dir) return { problem: 'no server binaries in /usr/lib/postgresql/<version>/bin' };
      const missing = ['initdb', 'pg_ctl'].filter((command) => !isExecutable(path.join(dir, command)));
      if (missing.length) return { problem: `${dir} has no ${missing.join(' or ')}` };
      // PostgreSQL refuses to run as root; the helper runs it as the user the Debian package creates.
      if (isRoot() && !/^postgres:/m.test(fs.readFileSync('/etc/passwd', 'utf8'))) return { problem: 'there is no `postgres` user to run the server as' };
      const version = probe(path.join(dir, 'initdb'), ['--version'], env);
      return 'path' in version ? { path: dir } : version;
    },
  },
} satisfies Record<string, SystemTool>;

export type ToolName = keyof typeof SYSTEM_TOOLS;

interface Missing {
  name: ToolName;
  tool: SystemTool;
  problem: string;
}

function missingFor(project: string, env: Env): Missing[] {
  return (Object.entries(SYSTEM_TOOLS) as [ToolName, SystemTool][])
    .filter(([, tool]) => tool.projects.includes(project as ProjectName))
    .flatMap(([name, tool]) => {
      const found = tool.find(env);
      return 'problem' in found ? [{ name, tool, problem: found.problem }] : [];
    });
}

/** The command that installs the packages, as the user who runs the tests would type it. */
export function installCommand(packages: string[], asRoot = isRoot()): string {
  const sudo = asRoot ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** An error that prints as its message alone: the text says everything, a stack would bury it. */
function plainError(message: string): Error {
  const error = new Error(message);
  error.stack = `${error.name}: ${message}`;
  return error;
}

function describeMissing(missing: Missing[]): string {
  return missing.map(({ tool, problem }) => `  ${tool.debianPackage} (${tool.usedFor}): ${problem}`).join('\n');
}

const packagesOf = (missing: Missing[]) => [...new Set(missing.map((m) => m.tool.debianPackage))];

function cannotInstall(project: string, missing: Missing[], reason: string, asRoot: boolean): Error {
  const overrides = missing.map((m) => m.tool.override).join(', ');
  return plainError(
    `The ${project} tests need programs this machine does not have:\n${describeMissing(missing)}\n` +
      `${reason} Run this, then the tests again:\n\n    ${installCommand(packagesOf(missing), asRoot)}\n\n` +
      `On a system other than Debian, install them and set ${overrides} to where they are.`,
  );
}

function aptGet(aptGetPath: string, args: string[], env: Env): void {
  // Waits for the dpkg lock rather than failing when another apt run holds it.
  const run = spawnSync(aptGetPath, ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    env: { ...(env as NodeJS.ProcessEnv), DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw plainError(`\`apt-get ${args.join(' ')}\` failed (${run.error?.message ?? `exit code ${run.status}`}):\n${(run.stdout + run.stderr).trim().split('\n').slice(-20).join('\n')}`);
}

export interface EnsureOptions {
  /** Whether this process may install packages; root by default. */
  asRoot?: boolean;
  log?: (line: string) => void;
}

/**
 * Makes sure the programs a test project drives are there: finds them, installs the missing ones
 * with apt-get when running as root with apt-get on PATH, and otherwise throws an error that names
 * them and the command to run.
 */
export function ensureSystemTools(project: string, env: Env = process.env, { asRoot = isRoot(), log = console.error }: EnsureOptions = {}): void {
  const missing = missingFor(project, env);
  if (!missing.length) return;
  const apt = onPath('apt-get', env);
  if (!asRoot) throw cannotInstall(project, missing, 'Only root can install them.', asRoot);
  if (!apt) throw cannotInstall(project, missing, 'There is no apt-get on PATH to install them with.', asRoot);
  const packages = packagesOf(missing);
  log(`The ${project} tests need what this machine lacks:\n${describeMissing(missing)}\nInstalling with apt-get: ${packages.join(' ')} …`);
  aptGet(apt, ['update', '-qq'], env);
  aptGet(apt, ['install', '-y', '-qq', '--no-install-recommends', ...packages], env);
  const still = missingFor(project, env);
  if (still.length) throw plainError(`apt-get installed ${packages.join(' ')}, but the ${project} tests still cannot use:\n${describeMissing(still)}`);
  log(`Installed ${packages.join(' ')}.`);
}

const found = new Map<ToolName, string>();

/** The path of a system tool (an executable, or PostgreSQL's bin folder), or an error saying how to install it. */
export function systemTool(name: ToolName): string {
  const cached = found.get(name);
  if (cached) return cached;
  const tool: SystemTool = SYSTEM_TOOLS[name];
  const lookup = tool.find(process.env);
  if ('problem' in lookup) {
    throw plainError(`${tool.debianPackage} (${tool.usedFor}): ${lookup.problem}. Install it with \`${installCommand([tool.debianPackage])}\`, or set ${tool.override}.`);
  }
  found.set(name, lookup.path);
  return lookup.path;
}
