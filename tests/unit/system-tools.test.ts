import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/export-build';
import { ensureSystemTools, type Env } from '../setup/system-tools';

// The checks run against a made-up machine: an empty PATH and overrides that point nowhere stand
// for a fresh Debian install, and a fake apt-get (a shell script that records its arguments and
// drops a fake chromium on PATH) stands for the real one. Nothing here touches the system's packages.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-system-tools-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A folder of executable scripts, to put on PATH. */
function binFolder(name: string, scripts: Record<string, string> = {}): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, body] of Object.entries(scripts)) fs.writeFileSync(path.join(dir, file), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return dir;
}

/** An environment where none of the tools is found. */
function bareEnv(PATH: string): Env {
  return {
    PATH, CHROMIUM_PATH: '', FEEDPARSER_PYTHON: path.join(tmp, 'no-python3'), POSTGRES_BIN: path.join(tmp, 'no-postgres'),
    NGINX_PATH: path.join(tmp, 'no-nginx'), CADDY_PATH: path.join(tmp, 'no-caddy'),
  };
}

/** A fake apt-get that logs its arguments and, on install, copies `chromium` from `packages` next to itself. */
function fakeAptGet(name: string, chromium: string): { PATH: string; calls: () => string[] } {
  const packages = binFolder(`${name}-packages`, { chromium });
  const dir = binFolder(name, {
    'apt-get': `echo "$*" >> "\${0%/*}/apt-get.log"\ncase " $* " in *" install "*) /bin/cp "${packages}/chromium" "\${0%/*}/chromium" ;; esac`,
  });
  return { PATH: dir, calls: () => fs.readFileSync(path.join(dir, 'apt-get.log'), 'utf8').trim().split('\n') };
}

function thrownBy(run: () => void): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('system tools the tests drive', () => {
  it('asks the unit tests for feedparser alone', () => {
    const message = thrownBy(() => ensureSystemTools('unit', bareEnv(binFolder('empty')), { asRoot: false }));
    expect(message).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends python3-feedparser\n');
  });

  it('stops with the exact apt-get command when it cannot install: no apt-get on PATH', () => {
    const message = thrownBy(() => ensureSystemTools('export', bareEnv(binFolder('empty')), { asRoot: true }));
    expect(message).toContain('apt-get update && apt-get install -y --no-install-recommends chromium python3-feedparser nginx caddy\n');
    expect(message).toContain('There is no apt-get on PATH');
    expect(message).toContain('chromium (the browser tests): `chromium` is not on PATH');
    expect(message).toContain(`python3-feedparser (reading the feeds with an independent parser): ${path.join(tmp, 'no-python3')} is not an executable file`);
    expect(message).toContain('CHROMIUM_PATH, FEEDPARSER_PYTHON, NGINX_PATH, CADDY_PATH');
  });

  it('asks for sudo when it is not root, and names each project’s own packages', () => {
    const { PATH, calls } = fakeAptGet('apt-unused', 'echo Chromium 1.0');
    const message = thrownBy(() => ensureSystemTools('server', bareEnv(PATH), { asRoot: false }));
    expect(message).toContain('Only root can install them.');
    expect(message).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium postgresql\n');
    expect(message).toContain(`postgresql (throw-away PostgreSQL clusters for the server tests): ${path.join(tmp, 'no-postgres')} has no initdb or pg_ctl`);
    expect(() => calls()).toThrow(/ENOENT/);
  });

  it('installs what is missing with apt-get as root, then finds it', () => {
    const { PATH, calls } = fakeAptGet('apt-works', 'echo Chromium 1.0');
    const logged: string[] = [];
    ensureSystemTools('e2e', bareEnv(PATH), { asRoot: true, log: (line) => logged.push(line) });
    expect(calls()).toEqual(['-o DPkg::Lock::Timeout=600 update -qq', '-o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium']);
    expect(fs.existsSync(path.join(PATH, 'chromium'))).toBe(true);
    expect(logged.join('\n')).toMatch(/Installing with apt-get: chromium[\s\S]*Installed chromium\./);
    // Found now: a second check installs nothing.
    ensureSystemTools('e2e', bareEnv(PATH), { asRoot: true, log: () => {} });
    expect(calls()).toHaveLength(2);
  });

  it('fails, saying why, when the installed tool still does not run', () => {
    const { PATH } = fakeAptGet('apt-broken', 'echo "error while loading shared libraries" >&2; exit 127');
    const message = thrownBy(() => ensureSystemTools('e2e', bareEnv(PATH), { asRoot: true, log: () => {} }));
    expect(message).toContain('apt-get installed chromium, but the e2e tests still cannot use:');
    expect(message).toContain('--version` failed: error while loading shared libraries');
  });

  it('stops `vitest --project e2e` before any test runs, printing the command', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'e2e'], {
      cwd: ROOT,
      env: { ...bareEnv(binFolder('empty')), HOME: tmp, NO_COLOR: '1', NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = run.stdout + run.stderr;
    expect(run.status, output).toBe(1);
    expect(output).toContain('The e2e tests need programs this machine does not have:');
    expect(output).toMatch(/\n {4}(sudo )?apt-get update && (sudo )?apt-get install -y --no-install-recommends chromium\n/);
    expect(output).not.toMatch(/✓|Tests\s+\d/);
  });
});
