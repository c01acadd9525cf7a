// What an export is made of, hashed: the content, and separately the code (config, lockfile, the
// environment that reaches the output). Two builds with the same hashes write the same export, so
// `npm run build` keeps the last one when nothing changed; a different code hash forces a cold build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ContentSnapshot } from './incremental';

/** Environment variables that change what the export contains (see README, Configuration). */
export const OUTPUT_ENV = ['SITE_URL', 'BASE_PATH', 'BUILD_DATE', 'SITEMAP_MAX_URLS', 'FEED_ITEMS', 'POSTS_PER_PAGE', 'INDEXNOW_KEY', 'PUBLIC_API_ORIGIN', 'NEXT_BUILD_CPUS'];

/** Folders and files of the project whose change can change any output. */
const CODE_PATHS = ['app', 'lib', 'scripts', 'public', 'site.config.ts', 'next.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.check.json'];

function hashTree(hash: crypto.Hash, root: string, rel: string) {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) hashTree(hash, root, rel ? `${rel}/${name}` : name);
    return;
  }
  hash.update(`${rel}\0`);
  hash.update(fs.readFileSync(full));
  hash.update('\0');
}

/** Hash of the code, config, lockfile, Node version and output environment: a change means a cold build. */
export function codeHash(projectDir: string, env: Record<string, string | undefined> = process.env): string {
  const hash = crypto.createHash('sha256');
  hash.update(`node ${process.version}\0`);
  for (const name of OUTPUT_ENV) hash.update(`${name}=${env[name] ?? ''}\0`);
  for (const name of Object.keys(env).filter((n) => n.startsWith('NEXT_PUBLIC_')).sort()) hash.update(`${name}=${env[name]}\0`);
  for (const rel of CODE_PATHS) hashTree(hash, projectDir, rel);
  return hash.digest('hex').slice(0, 20);
}

/** Per content file, a hash of its bytes: what an incremental build compares with the last export's. */
export function contentFileHashes(contentRoot: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (rel: string) => {
    const full = path.join(contentRoot, rel);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) walk(rel ? `${rel}/${name}` : name);
    } else {
      hashes[rel] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex').slice(0, 20);
    }
  };
  walk('');
  return hashes;
}

/** One hash of the whole content folder, from its per-file hashes. */
export function contentHash(fileHashes: Record<string, string>): string {
  return crypto.createHash('sha256').update(JSON.stringify(fileHashes)).digest('hex').slice(0, 20);
}

/** What `npm run build` records beside an export it wrote. */
export interface ExportRecord {
  code: string;
  content: string;
  /** The earliest date a scheduled post becomes public (ISO), after which the same inputs publish more. */
  validUntil?: string;
  files: number;
  /** What the next build compares its content with, for an incremental export. */
  snapshot?: ContentSnapshot;
}

/** Where the record of the export in `outDir` lives: beside it, not in it (hosts would publish it). */
export const recordFile = (outDir: string) => path.join(path.dirname(outDir), `.${path.basename(outDir)}.build.json`);

export function readRecord(outDir: string): ExportRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(recordFile(outDir), 'utf8')) as ExportRecord;
  } catch {
    return undefined;
  }
}

export function writeRecord(outDir: string, record: ExportRecord): void {
  fs.writeFileSync(recordFile(outDir), `${JSON.stringify(record, null, 2)}\n`);
}

/** Why the last export cannot be kept as it is, or undefined when it can. */
export function staleReason(outDir: string, record: ExportRecord | undefined, code: string, content: string, now: Date): string | undefined {
  if (!record) return 'no earlier export recorded';
  if (!fs.existsSync(path.join(outDir, 'index.html'))) return `the last export (${outDir}) is gone`;
  if (record.code !== code) return 'the code, config, lockfile or build environment changed';
  if (record.content !== content) return 'the content changed';
  if (record.validUntil && now >= new Date(record.validUntil)) return `a scheduled post became public (${record.validUntil})`;
  return undefined;
}
