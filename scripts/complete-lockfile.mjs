// npm run lockfile:complete — run after `npm install` when the registry in use serves only this
// platform's native packages (e.g. @next/swc-linux-x64-gnu but not the darwin or win32 builds).
// npm then leaves the other platforms' optional packages out of package-lock.json, and a fresh
// `npm ci` refuses the lock as out of sync. This adds a lock entry (version, os, cpu, libc) for each
// one, so `npm ci` accepts the lock and skips them by platform, as it does with a complete lock.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.argv[2] ?? process.cwd();
const lockPath = path.join(root, 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));

let report = '';
try {
  execSync('npm ci --dry-run --ignore-scripts', { cwd: root, encoding: 'utf8', stdio: 'pipe' });
} catch (error) {
  report = `${error.stdout}${error.stderr}`;
}
const missing = [...report.matchAll(/Missing: (@?[^@\s]+)@\S* from lock file/g)].map((m) => m[1]);

// The version each package is wanted at, from whoever lists it as optional.
const wanted = {};
for (const node of Object.values(lock.packages)) Object.assign(wanted, node.optionalDependencies);

const OSES = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'netbsd', 'openbsd', 'sunos', 'aix'];
const CPUS = ['arm64', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32', 'arm'];

/** os / cpu / libc from a platform package name such as `@next/swc-linux-arm64-musl`. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OSES.find((o) => parts.includes(o));
  const cpu = CPUS.find((c) => parts.includes(c));
  const libc = parts.some((p) => p.startsWith('musl')) ? 'musl' : os === 'linux' && parts.some((p) => p.startsWith('gnu')) ? 'glibc' : undefined;
  if (!cpu || !wanted[name]) throw new Error(`cannot tell the platform or version of ${name}; add it to the lock by hand`);
  return { ...(os && cpu !== 'wasm32' ? { os: [os] } : {}), cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

for (const name of missing) {
  lock.packages[`node_modules/${name}`] = { version: wanted[name].replace(/^[\^~=]/, ''), optional: true, ...platformOf(name) };
}
const entries = Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
lock.packages = Object.fromEntries(entries);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${missing.length} optional platform package${missing.length === 1 ? '' : 's'} added to the lock`);
