// npm run lockfile:complete — after `npm install`, when the registry in use serves only this
// platform's native packages (e.g. @next/swc-linux-x64-gnu but not the darwin/win32 builds), npm
// leaves the other platforms' optional packages out of package-lock.json and a fresh `npm ci` then
// refuses the lock as out of sync. This adds a lock entry (version, os, cpu, libc) for each one, so
// `npm ci` accepts the lock and skips them by platform, as it does with a complete lock.
import fs from 'node:fs';
import { execSync } from 'node:child_process';
const root = process.argv[2] ?? process.cwd();
const lockPath = `${root}/package-lock.json`;
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
let out = '';
try { execSync('npm ci --dry-run --ignore-scripts 2>&1', { cwd: root, encoding: 'utf8' }); } catch (e) { out = e.stdout; }
const missing = [...out.matchAll(/Missing: (@?[^@\s]+)@(\S*) from lock file/g)].map((m) => m[1]);
console.log(`${missing.length} optional platform packages missing from the lock`);
const specs = {};
for (const [key, node] of Object.entries(lock.packages)) for (const [n, v] of Object.entries(node.optionalDependencies ?? {})) specs[n] = v;
function platform(name) {
  const s = name.split('/').pop();
  const os = ['darwin','win32','linux','android','freebsd','openharmony','netbsd','openbsd','sunos','aix'].find((o) => s.includes(o));
  const cpu = ['arm64','x64','ia32','arm','loong64','ppc64','riscv64','s390x','wasm32'].find((c) => s.includes(c === 'arm' ? '-arm-' : c) || (c==='arm' && /-arm(-|$)/.test(s)));
  const libc = /musl/.test(s) ? ['musl'] : /gnu/.test(s) && os === 'linux' ? ['glibc'] : undefined;
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined, libc };
}
for (const name of missing) {
  const p = platform(name);
  if (!p.cpu) throw new Error('no cpu for ' + name);
  lock.packages[`node_modules/${name}`] = { version: specs[name].replace(/^[\^~=]/, ''), optional: true, ...(p.os && p.cpu[0] !== 'wasm32' ? { os: p.os } : {}), cpu: p.cpu, ...(p.libc ? { libc: p.libc } : {}) };
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
