import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/export-build';

// Each fixture corpus is exported by `npm run build` the way its owner would: a copy of this project
// with the corpus's content/ (and public/) and its site.config.ts — the only change — in place of
// the project's own. The build's output check then validates every page, feed and link.

const CORPORA = path.join(ROOT, 'tests/fixtures/corpora');

/** A project folder holding the tracked source, the corpus's content and config, and node_modules. */
function corpusProject(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mdsite-corpus-${name}-`));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && !file.startsWith('content/') && fs.existsSync(path.join(ROOT, file)));
  for (const file of tracked) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  const corpus = path.join(CORPORA, name);
  fs.cpSync(path.join(corpus, 'content'), path.join(dir, 'content'), { recursive: true });
  if (fs.existsSync(path.join(corpus, 'public'))) fs.cpSync(path.join(corpus, 'public'), path.join(dir, 'public'), { recursive: true });
  // The corpus config spreads the project's own; keep that one beside it under another name.
  fs.renameSync(path.join(dir, 'site.config.ts'), path.join(dir, 'site.base-config.ts'));
  const config = fs.readFileSync(path.join(corpus, 'site.config.ts'), 'utf8').replace("'../../../../site.config'", "'./site.base-config'");
  fs.writeFileSync(path.join(dir, 'site.config.ts'), config);
  // Hard links are instant; another file system needs a copy.
  try {
    execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules')]);
  } catch {
    execFileSync('cp', ['-a', path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules')]);
  }
  return dir;
}

interface CorpusBuild {
  code: number;
  output: string;
  outDir: string;
  project: string;
}

function exportCorpus(name: string): Promise<CorpusBuild> {
  const dir = corpusProject(name);
  const outDir = path.join(dir, 'out');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(dir, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts'], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: 'production', OUT_DIR: outDir, BUILD_DATE: '2026-01-01T00:00:00Z', OG_CACHE_DIR: path.join(ROOT, '.cache/og') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    child.on('close', (code) => resolve({ code: code ?? 1, output, outDir, project: dir }));
  });
}

const read = (build: CorpusBuild, file: string) => fs.readFileSync(path.join(build.outDir, file), 'utf8');
const exists = (build: CorpusBuild, file: string) => fs.existsSync(path.join(build.outDir, file));

describe.each(['hugo', 'jekyll', 'astro', 'nextjs'])('the %s corpus, exported with its config', (name) => {
  let build: CorpusBuild;
  beforeAll(async () => {
    build = await exportCorpus(name);
  });
  afterAll(() => {
    if (build) fs.rmSync(build.project, { recursive: true, force: true });
  });

  it('builds and passes the output check', () => {
    expect(build.code, build.output.slice(-4000)).toBe(0);
    expect(build.output).toContain('✓ Exported to out/');
  });

  it('publishes what its frontmatter says', () => {
    if (name === 'hugo') {
      for (const tag of ['c', 'c-sharp', 'c-plus-plus', 'rocket', 'field-notes']) expect(exists(build, `tags/${tag}/index.html`), tag).toBe(true);
      expect(exists(build, 'posts/night-packing-list/index.html')).toBe(true);
      expect(read(build, 'about/index.html')).not.toContain('<time');
      // aliases: a redirect page at each old path and a _redirects line.
      expect(read(build, 'old/tide-tables/index.html')).toContain('<meta http-equiv="refresh" content="0; url=https://mdsite.example.com/posts/tide-tables/">');
      expect(read(build, '2023/03/first-light/index.html')).toContain('<link rel="canonical" href="https://mdsite.example.com/posts/first-light/">');
      expect(read(build, '_redirects')).toContain('/old/tide-tables/ /posts/tide-tables/ 301');
    }
    if (name === 'jekyll') {
      // The post's own permalink wins over the site pattern, which dates the others.
      expect(read(build, 'travel/lantern-festival/index.html')).toContain('dateTime="2022-11-05"');
      expect(exists(build, '2023/01/20/winter-bread/index.html')).toBe(true);
      expect(read(build, 'rss.xml')).toContain('<link>https://mdsite.example.com/2023/01/20/winter-bread/</link>');
      expect(read(build, 'lantern/index.html')).toContain('url=https://mdsite.example.com/travel/lantern-festival/');
      expect(exists(build, '2023/02/01/unfinished-notes/index.html')).toBe(false);
      expect(read(build, 'api/posts.json')).not.toContain('Unfinished notes');
      // Two posts with one slug, a week apart: each page, twin, JSON and card of its own.
      for (const [day, slug] of [['06', 'weekly-notes'], ['13', 'weekly-notes-2023-03-13']]) {
        expect(read(build, `2023/03/${day}/weekly-notes/index.html`)).toContain(`/og/posts/${slug}.png`);
        expect(exists(build, `2023/03/${day}/weekly-notes.md`)).toBe(true);
        expect(JSON.parse(read(build, `api/posts/${slug}.json`))).toMatchObject({ slug, url: `https://mdsite.example.com/2023/03/${day}/weekly-notes/` });
        expect(exists(build, `og/posts/${slug}.png`)).toBe(true);
      }
    }
    if (name === 'astro') {
      expect(exists(build, 'blog/markdown-style-guide/hero.png')).toBe(true);
      expect(read(build, 'blog/first-post/index.html')).toContain('/blog-placeholder.png');
      expect(exists(build, 'blog/first-post.md')).toBe(true);
    }
    if (name === 'nextjs') {
      const json = JSON.parse(read(build, 'api/posts/the-quiet-refactor.json'));
      expect(json).toMatchObject({ description: 'Changing a codebase without anyone noticing, on purpose.', fields: { youtube: 'https://www.youtube.com/watch?v=abc123', cta: 'newsletter' } });
      expect(read(build, 'tabs-and-spaces.md')).toContain('\ncta: none\nseries: opinions\n');
      // Every post at the root, as the blog had it.
      expect(exists(build, 'the-quiet-refactor/index.html')).toBe(true);
      expect(read(build, 'sitemap.xml')).toContain('<loc>https://mdsite.example.com/on-deleting-code/</loc>');
    }
  });
});
