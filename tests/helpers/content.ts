import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import rawConfig from '@/site.config';
import { resolveSite, type Site } from '@/lib/site';

/** Writes a content folder from a map of relative path → file text, and returns its path. */
export function makeContentDir(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-content-'));
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

/** A site for a content folder, as the build would resolve it (production unless told otherwise). */
export function siteFor(contentDir: string, env: Record<string, string> = {}): Site {
  return resolveSite(rawConfig, { NODE_ENV: 'production', BUILD_DATE: '2026-01-01T00:00:00Z', CONTENT_DIR: contentDir, ...env });
}

/** Frontmatter + body of a markdown file. */
export function md(frontmatter: string, body = 'Some text.'): string {
  return `---\n${frontmatter.trim()}\n---\n\n${body}\n`;
}
