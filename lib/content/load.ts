import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { LineCounter, parseDocument, YAMLParseError, parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { calendarDay, parseContentDate, type ContentDate } from '../dates';
import type { Site } from '../site';
import { slugify } from '../urls';
import { ContentError, type ContentIssue } from './errors';
import { renderMarkdown, type LinkProblem } from './markdown';
import type { Asset, Entry, EntryKind } from './model';
import { publication } from './publication';
import { sitePathLookup } from './site-paths';
import { frontmatterKeys, frontmatterSchema, type Frontmatter } from './schema';
import { suggestKey } from '../zod-errors';
import { pagePath, postPath, RESERVED_PAGE_SLUGS } from '../paths';

/** A markdown file found in the content folder, before parsing. */
interface SourceFile {
  kind: EntryKind;
  slug: string;
  /** Relative to the content folder, with "/" separators. */
  file: string;
  absolute: string;
  assets: Asset[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KIND_FOLDERS: Record<EntryKind, string> = { post: 'posts', page: 'pages' };


/** Lists posts and pages. Each is `<slug>.md` or `<slug>/index.md` with co-located files. */
function discover(contentRoot: string, issues: ContentIssue[]): SourceFile[] {
  const found: SourceFile[] = [];
  for (const kind of ['post', 'page'] as const) {
    const folder = path.join(contentRoot, KIND_FOLDERS[kind]);
    if (!fs.existsSync(folder)) continue;
    for (const dirent of fs.readdirSync(folder, { withFileTypes: true })) {
      if (dirent.name.startsWith('.')) continue;
      const rel = `${KIND_FOLDERS[kind]}/${dirent.name}`;
      const absolute = path.join(folder, dirent.name);
      if (dirent.isDirectory()) {
        const index = path.join(absolute, 'index.md');
        if (!fs.existsSync(index)) {
          issues.push({ file: rel, message: `folder has no index.md: add ${rel}/index.md or move the folder out of ${KIND_FOLDERS[kind]}/` });
          continue;
        }
        const assets = listFiles(absolute)
          .filter((name) => name !== 'index.md')
          .map((name) => ({ name, source: path.join(absolute, name) }));
        found.push({ kind, slug: dirent.name, file: `${rel}/index.md`, absolute: index, assets });
      } else if (dirent.name.endsWith('.md')) {
        found.push({ kind, slug: dirent.name.slice(0, -3), file: rel, absolute, assets: [] });
      } else {
        issues.push({ file: rel, message: `is not a markdown file: ${KIND_FOLDERS[kind]}/ holds <slug>.md files and <slug>/ folders with an index.md; move co-located files into a post folder` });
      }
    }
  }

  const bySlug = new Map<string, SourceFile>();
  for (const source of found) {
    const key = `${source.kind}:${source.slug}`;
    const twin = bySlug.get(key);
    if (twin) {
      issues.push({ file: source.file, message: `duplicate slug "${source.slug}": ${twin.file} and ${source.file} are both ${source.kind}s with that slug; rename or remove one` });
      continue;
    }
    bySlug.set(key, source);
    if (!SLUG.test(source.slug)) {
      issues.push({ file: source.file, message: `"${source.slug}" is not a URL slug: use lowercase letters, digits and hyphens, e.g. rename it to "${suggestSlug(source.slug)}"` });
    }
    if (source.kind === 'page' && RESERVED_PAGE_SLUGS.has(source.slug)) {
      issues.push({ file: source.file, message: `page slug "${source.slug}" is taken by the site's own routes (${[...RESERVED_PAGE_SLUGS].join(', ')}); rename the page` });
    }
  }
  return [...bySlug.values()].filter((s) => SLUG.test(s.slug) && !(s.kind === 'page' && RESERVED_PAGE_SLUGS.has(s.slug)));
}

/** A valid slug close to a file name: "My_Post (2)" → "my-post-2". */
function suggestSlug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'my-post';
}

function listFiles(folder: string, prefix = ''): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith('.')) return [];
    const name = prefix ? `${prefix}/${d.name}` : d.name;
    return d.isDirectory() ? listFiles(path.join(folder, d.name), name) : [name];
  });
}

/** Where a frontmatter key sits in the file (1-based), found with a position-aware YAML parse. */
function keyPosition(rawMatter: string, key: string): { line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(rawMatter, { lineCounter });
  const contents = doc.contents as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null;
  const pair = contents?.items?.find((item) => item.key?.value === key);
  const offset = pair?.key?.range?.[0];
  if (offset === undefined) return undefined;
  // gray-matter's `matter` starts right after the opening `---`, so its line n is the file's line n.
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function frontmatterIssues(file: string, rawMatter: string, data: object, error: z.ZodError): ContentIssue[] {
  return error.issues.flatMap((issue): ContentIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const suggestion = suggestKey(key, frontmatterKeys);
        return {
          file,
          ...keyPosition(rawMatter, key),
          field: key,
          message: suggestion
            ? `unknown field. Did you mean "${suggestion}"? Fix the spelling or remove it.`
            : `unknown field. Known fields: ${frontmatterKeys.join(', ')}. Remove it or fix the spelling.`,
        };
      });
    }
    const field = String(issue.path[0] ?? '');
    const missing = !(field in data);
    return [{
      file,
      ...(missing ? {} : keyPosition(rawMatter, field)),
      field: issue.path.join('.') || undefined,
      message: missing && field !== 'title' ? `is required (${issue.message})` : issue.message,
    }];
  });
}

interface Parsed {
  source: SourceFile;
  data: Frontmatter;
  date: ContentDate;
  updated?: ContentDate;
  body: string;
  /** Lines before the body, to turn a body line into a file line. */
  bodyLineOffset: number;
}

function parseSource(source: SourceFile, site: Site, issues: ContentIssue[]): Parsed | undefined {
  const text = fs.readFileSync(source.absolute, 'utf8');
  let parsed: matter.GrayMatterFile<string>;
  try {
    // YAML's core schema keeps dates as strings, so the loader can read them in the site's time zone.
    parsed = matter(text, { engines: { yaml: (s: string) => (parseYaml(s) ?? {}) as object } });
  } catch (error) {
    const pos = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    const reason = (error instanceof Error ? error.message.split('\n')[0]! : String(error)).replace(/ at line \d+, column \d+:?$/, '');
    issues.push({ file: source.file, ...(pos ? { line: pos.line, column: pos.col } : {}), message: `malformed YAML frontmatter: ${reason}. Check the indentation and quote values that contain ": "` });
    return undefined;
  }
  if (typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)) {
    issues.push({ file: source.file, message: 'frontmatter must be YAML key: value pairs between two "---" lines' });
    return undefined;
  }
  if (!text.startsWith('---')) {
    issues.push({ file: source.file, line: 1, column: 1, message: 'has no frontmatter: start the file with a "---" block holding at least title and date' });
    return undefined;
  }

  const result = frontmatterSchema.safeParse(parsed.data);
  if (!result.success) {
    issues.push(...frontmatterIssues(source.file, parsed.matter, parsed.data, result.error));
    return undefined;
  }
  const data = result.data;
  const date = parseContentDate(data.date, site.timeZone);
  const updated = data.updated === undefined ? undefined : parseContentDate(data.updated, site.timeZone);
  const dateIssue = (field: 'date' | 'updated', message: string) =>
    issues.push({ file: source.file, ...keyPosition(parsed.matter, field), field, message });
  if (!date) dateIssue('date', `"${data.date}" is not a date: use 2025-01-06, 2025-01-06T09:30 (site time zone) or 2025-01-06T09:30:00Z`);
  if (data.updated !== undefined && !updated) dateIssue('updated', `"${data.updated}" is not a date: use 2025-01-06, 2025-01-06T09:30 or 2025-01-06T09:30:00Z`);
  if (date && updated && updated.instant < date.instant) dateIssue('updated', `${data.updated} is before date ${data.date}: an update cannot precede publication`);
  if (!date || (data.updated !== undefined && (!updated || updated.instant < date.instant))) return undefined;

  const bodyLineOffset = text.slice(0, text.length - parsed.content.length).split('\n').length - 1;
  return { source, data, date, updated, body: parsed.content, bodyLineOffset };
}

/** A frontmatter image: absolute URL, site path, or a file beside the post. */
function resolveImage(parsed: Parsed, sitePathOf: (file: string) => string | undefined, issues: ContentIssue[]): string | undefined {
  const image = parsed.data.image;
  if (image === undefined || /^https?:\/\//.test(image) || image.startsWith('/')) return image;
  const file = path.posix.normalize(path.posix.join(path.posix.dirname(parsed.source.file), image));
  const resolved = sitePathOf(file);
  if (!resolved) issues.push({ file: parsed.source.file, field: 'image', message: `"${image}" is not a file beside this post: put it in the post's folder or use a path under public/` });
  return resolved;
}

/**
 * Reads, validates and renders every post and page under `site.contentRoot`. Throws one
 * ContentError listing every problem of every file.
 */
export async function loadContent(site: Site): Promise<Entry[]> {
  const issues: ContentIssue[] = [];
  if (!fs.existsSync(site.contentRoot)) {
    throw new ContentError(site.contentRoot, [{ file: '.', message: `content folder not found: create it or point CONTENT_DIR at it` }]);
  }
  const parsed = discover(site.contentRoot, issues)
    .map((source) => parseSource(source, site, issues))
    .filter((p): p is Parsed => p !== undefined);

  const rules = new Map(parsed.map((p) => [p, publication({ draft: p.data.draft, unlisted: p.data.unlisted, date: p.date.instant }, site)]));
  const hiddenFiles = new Set(parsed.filter((p) => rules.get(p)!.visibility === 'hidden').map((p) => p.source.file));

  const entryPath = ({ source, date }: Parsed) =>
    source.kind === 'post' ? postPath(site.permalinks.post, source.slug, calendarDay(date.instant, site.timeZone)) : pagePath(source.slug);
  const built = parsed.filter((p) => !hiddenFiles.has(p.source.file));
  issues.push(...pathCollisions(built.map((p) => ({ file: p.source.file, path: entryPath(p) })), site));
  const sitePathOf = sitePathLookup(built.map((p) => ({ file: p.source.file, path: entryPath(p), assets: p.source.assets })));

  const entries = await Promise.all(
    parsed.map(async (p): Promise<Entry> => {
      const { source, data } = p;
      const rule = rules.get(p)!;
      const rendered = rule.visibility === 'hidden'
        ? undefined
        : await renderMarkdown(p.body, { file: source.file, basePath: site.basePath, lookup: sitePathOf });
      for (const link of rendered?.brokenLinks ?? []) {
        issues.push({
          file: source.file,
          ...(link.line ? { line: link.line + p.bodyLineOffset, column: link.column } : {}),
          message: brokenLinkMessage(link, hiddenFiles),
        });
      }
      const firstParagraph = rendered?.firstParagraph ?? '';
      return {
        kind: source.kind,
        slug: source.slug,
        file: source.file,
        path: entryPath(p),
        title: data.title,
        description: data.description ?? summarize(firstParagraph) ?? data.title,
        date: p.date,
        ...(p.updated ? { updated: p.updated } : {}),
        tags: uniqueTags(data.tags),
        author: data.author ? { name: data.author } : site.author,
        image: resolveImage(p, sitePathOf, issues),
        ...(data.canonical ? { canonical: data.canonical } : {}),
        draft: data.draft,
        unlisted: data.unlisted,
        ...rule,
        markdown: p.body,
        html: rendered?.html ?? '',
        toc: rendered?.toc ?? [],
        words: rendered?.words ?? 0,
        readingMinutes: rendered?.readingMinutes ?? 0,
        assets: source.assets,
      };
    }),
  );

  if (issues.length) throw new ContentError(site.contentRoot, issues);
  return entries;
}

/**
 * Two entries at one URL (a post and a page under the permalink "/:slug/"), or a post at a URL the
 * site's own pages use: each is an error naming the files.
 */
function pathCollisions(entries: { file: string; path: string }[], site: Site): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const byPath = new Map<string, string>();
  const ownFolder = site.permalinks.post.split('/')[1];
  for (const { file, path: sitePath } of entries) {
    const other = byPath.get(sitePath);
    if (other) issues.push({ file, message: `publishes ${sitePath}, as ${other} does: rename one of them, or change permalinks.post in site.config.ts` });
    byPath.set(sitePath, file);
    const first = sitePath.split('/')[1]!;
    if (file.startsWith('posts/') && first !== ownFolder && RESERVED_PAGE_SLUGS.has(first)) {
      issues.push({ file, message: `publishes ${sitePath}, which the site's own pages use (permalinks.post is "${site.permalinks.post}"): rename the post` });
    }
  }
  return issues;
}

function brokenLinkMessage(link: LinkProblem, hiddenFiles: Set<string>): string {
  const { url, target } = link;
  if (target === undefined) return `link "${url}" is not a valid URL (a "%" must start an escape such as %20): write a literal % as %25`;
  return hiddenFiles.has(target) || hiddenFiles.has(`${target.replace(/\/$/, '')}/index.md`)
    ? `link "${url}" points to ${target}, which this build leaves out (a draft, or dated after the build): remove the link or publish that post first`
    : `link "${url}" points to no content file or co-located file: fix the path (relative to this file) or use a site path starting with "/"`;
}

function uniqueTags(names: string[]) {
  const bySlug = new Map<string, { name: string; slug: string }>();
  for (const name of names) {
    const slug = slugify(name);
    if (!bySlug.has(slug)) bySlug.set(slug, { name, slug });
  }
  return [...bySlug.values()];
}

/** Up to ~160 characters of plain text, cut at a word boundary. */
export function summarize(text: string, max = 160): string | undefined {
  if (!text) return undefined;
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut.slice(0, max)).replace(/[\s.,;:!?-]+$/, '')}…`;
}
