import fs from 'node:fs';
import path from 'node:path';

// The two builds of one code base. Export mode (default) is the static site; server mode adds the
// routes and instrumentation named `*.server.ts`, which the export never sees.

export const SERVER_MODE_VALUE = 'server';

export const exportPageExtensions = ['tsx', 'ts'];
export const serverPageExtensions = ['tsx', 'ts', 'server.tsx', 'server.ts'];

export function isServerMode(env: Record<string, string | undefined> = process.env): boolean {
  return env.MDSITE_MODE === SERVER_MODE_VALUE;
}

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const EXPORTED_NAMES = /export\s+(?:async\s+)?(?:function\s*\*?\s*(\w+)|(?:const|let|var)\s+(\w+))|export\s+(?:const|let|var)\s*\{([^}]*)\}|export\s*\{([^}]*)\}/g;

/** Names a module exports, read from its source (enough for route files: functions, consts, lists). */
export function exportedNames(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(EXPORTED_NAMES)) {
    if (match[1] ?? match[2]) names.push((match[1] ?? match[2])!);
    for (const list of [match[3], match[4]]) {
      if (list) names.push(...list.split(',').map((part) => part.split(/\s+as\s+|:/).pop()!.trim()).filter(Boolean));
    }
  }
  return names;
}

export interface LeakingRoute {
  /** Relative to the project, e.g. `app/api/contact/route.ts`. */
  file: string;
  methods: string[];
}

/**
 * Route files the export would see (route.ts / route.tsx) that export a write method. The export
 * drops such a route without a word, so `npm run build` fails on them instead.
 */
export function serverRoutesInExport(projectRoot: string, appDir = 'app'): LeakingRoute[] {
  const leaks: LeakingRoute[] = [];
  const walk = (dir: string) => {
    for (const dirent of fs.readdirSync(path.join(projectRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${dirent.name}`;
      if (dirent.isDirectory()) walk(rel);
      else if (exportPageExtensions.some((ext) => dirent.name === `route.${ext}`)) {
        const methods = exportedNames(fs.readFileSync(path.join(projectRoot, rel), 'utf8')).filter((n) => WRITE_METHODS.includes(n));
        if (methods.length) leaks.push({ file: rel, methods });
      }
    }
  };
  if (fs.existsSync(path.join(projectRoot, appDir))) walk(appDir);
  return leaks;
}

