import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { calendarDay, parseContentDate, type ContentDate } from '../dates';
import type { Site } from '../site';
import { ContentError, type ContentIssue } from './errors';
import { frontmatterRules, mapFrontmatter, type FrontmatterRules } from './fields';
import { readFrontmatter } from './frontmatter';
import type { LinkProblem } from './markdown';
import { renderFile, type FileToRender, type LinkTargets } from './render-file';
import { hasRendering, keepRenderings, linkWorld, memoizedRender, rememberRenderings, renderKey, type Rendering } from './render-memo';
import type { Asset, DeclaredFields, Entry, EntryKind } from './model';
import { publication } from './publication';
import { localFileLookup, publishedPathSet, sitePathLookup } from './site-paths';
import { frontmatterSchema, SLUG, type Frontmatter } from './schema';
import { entryTags } from './tags';
import { templateSyntaxMessage } from './remark-template-syntax';
import { MAX_ENTRY_DEPTH, pagePath, permalinkPagePath, postPath, RESERVED_PAGE_SLUGS } from '../paths';

/** A markdown file found in the content folder, before parsing. */
interface SourceFile {
  kind: EntryKind;
  /** From the file or folder name, without a leading date (`2024-05-01-my-post.md` → `my-post`). */
  nameSlug: string;
  /** The date a Jekyll-style name starts with, used when the frontmatter has none. */
  nameDate?: string;
  /** Relative to the content folder, with "/" separators. */
  file: string;
  absolute: string;
  assets: Asset[];
}

const KIND_FOLDERS: Record<EntryKind, string> = { post: 'posts', page: 'pages' };
/** Jekyll's post names: `2024-05-01-my-post.md`. */
const DATED_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)$/;

const isInside = (root: string, target: string) => target === root || target.startsWith(`${root}${path.sep}`);

/**
 * What a folder entry is. A symbolic link is followed only when its target stays inside the content
 * folder: a link to a file elsewhere (a key, /etc/passwd) is an error and is never published.
 */
function entryType(absolute: string, rel: string, realRoot: string, issues: ContentIssue[]): 'file' | 'dir' | undefined {
  let stat = fs.lstatSync(absolute);
  if (stat.isSymbolicLink()) {
    let target: string;
    try {
      target = fs.realpathSync(absolute);
    } catch {
      issues.push({ file: rel, message: 'is a symbolic link whose target does not exist: fix the link or remove it' });
      return undefined;
    }
    if (!isInside(realRoot, target)) {
      issues.push({ file: rel, message: `is a symbolic link to ${target}, outside the content folder, which is never published: copy what you mean to publish into the content folder and remove the link` });
      return undefined;
    }
    stat = fs.statSync(absolute);
  }
  return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
}

/** Markdown as other generators name it (Jekyll writes `.markdown`). */
const MARKDOWN_NAME = /\.(md|markdown|mdown|mkd|mdx)$/i;

/**
 * Folders where other generators keep posts (Hugo `post/`, `blog/`; Jekyll `_posts/`): markdown in
 * them would be left out without a word, so their presence is an error that says where posts go.
 */
const FOREIGN_POST_FOLDERS = ['post', 'blog', '_posts', 'articles'];

function foreignFolderIssues(contentRoot: string): ContentIssue[] {
  return FOREIGN_POST_FOLDERS.flatMap((name) => {
    const folder = path.join(contentRoot, name);
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) return [];
    const markdown = fs.readdirSync(folder, { recursive: true }).map(String).filter((f) => MARKDOWN_NAME.test(f));
    return markdown.length
      ? [{ file: `${name}/`, message: `holds ${markdown.length} markdown file(s), which are not built: posts go in posts/ and standalone pages in pages/ (move ${name}/ to posts/)` }]
      : [];
  });
}

/** Lists posts and pages. Each is `<slug>.md` or `<slug>/index.md` with co-located files. */
function discover(contentRoot: string, issues: ContentIssue[]): SourceFile[] {
  const found: SourceFile[] = [];
  const realRoot = fs.realpathSync(contentRoot);
  issues.push(...foreignFolderIssues(contentRoot));
  for (const kind of ['post', 'page'] as const) {
    const folder = path.join(contentRoot, KIND_FOLDERS[kind]);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder).sort()) {
      if (name.startsWith('.')) continue;
      const rel = `${KIND_FOLDERS[kind]}/${name}`;
      const absolute = path.join(folder, name);
      const type = entryType(absolute, rel, realRoot, issues);
      const named = (base: string) => {
        const dated = kind === 'post' ? DATED_NAME.exec(base) : null;
        return dated ? { nameSlug: dated[2]!, nameDate: dated[1]! } : { nameSlug: base };
      };
      if (type === 'dir') {
        const index = path.join(absolute, 'index.md');
        if (!fs.existsSync(index)) {
          const markdown = fs.readdirSync(absolute).filter((f) => MARKDOWN_NAME.test(f));
          issues.push({
            file: rel,
            message: markdown.length
              ? `folder has no index.md but holds ${markdown.length} markdown file(s) (${markdown.slice(0, 3).join(', ')}${markdown.length > 3 ? ', …' : ''}): ` +
                `a folder in ${KIND_FOLDERS[kind]}/ is one entry, its index.md with the files beside it. Move each ${kind} to ${KIND_FOLDERS[kind]}/ itself ` +
                `(year folders are not needed: a post's URL comes from its date and slug), or make the folder one entry with an index.md`
              : `folder has no index.md: add ${rel}/index.md or move the folder out of ${KIND_FOLDERS[kind]}/`,
          });
          continue;
        }
        if (entryType(index, `${rel}/index.md`, realRoot, issues) !== 'file') continue;
        const assets = listFiles(absolute, rel, realRoot, issues)
          .filter((file) => file !== 'index.md')
          .map((file) => assetOf(file, path.join(absolute, file)));
        found.push({ kind, ...named(name), file: `${rel}/index.md`, absolute: index, assets });
      } else if (type === 'file' && name === '_index.md') {
        issues.push({ file: rel, message: `is a Hugo list page (_index.md): this site writes its lists itself (home, tags, archive); delete the file, or move its text to a page in pages/` });
      } else if (type === 'file' && name.endsWith('.md')) {
        found.push({ kind, ...named(name.slice(0, -3)), file: rel, absolute, assets: [] });
      } else if (type === 'file' && MARKDOWN_NAME.test(name)) {
        issues.push({ file: rel, message: `is markdown under another extension: rename it to ${rel.replace(/\.[^.]+$/, '.md')} (entries are <slug>.md files)` });
      } else if (type === 'file') {
        issues.push({ file: rel, message: `is not a markdown file: ${KIND_FOLDERS[kind]}/ holds <slug>.md files and <slug>/ folders with an index.md; move co-located files into a post folder` });
      }
    }
  }
  return found;
}

/** A co-located file, stamped with its size and modification time: a rendering that reads it (image sizes) is keyed by them. */
function assetOf(name: string, source: string): Asset {
  const { size, mtimeMs } = fs.statSync(source);
  return { name, source, stamp: `${size}:${mtimeMs}` };
}

/** A valid slug close to a file name: "My_Post (2)" → "my-post-2". */
function suggestSlug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'my-post';
}

/** Files of a post folder, following links inside the content folder once (a link cycle ends). */
function listFiles(folder: string, rel: string, realRoot: string, issues: ContentIssue[], prefix = '', seen = new Set<string>()): string[] {
  const real = fs.realpathSync(folder);
  if (seen.has(real)) return [];
  seen.add(real);
  return fs.readdirSync(folder).sort().flatMap((entry) => {
    if (entry.startsWith('.')) return [];
    const name = prefix ? `${prefix}/${entry}` : entry;
    const absolute = path.join(folder, entry);
    const type = entryType(absolute, `${rel}/${name}`, realRoot, issues);
    if (type === 'dir') return listFiles(absolute, rel, realRoot, issues, name, seen);
    return type === 'file' ? [name] : [];
  });
}

interface Parsed {
  source: SourceFile;
  /** The slug as written (frontmatter `slug` or the file name): the one its URL uses. */
  slug: string;
  /** Set for a post that shares its slug with an older one at another URL: its key instead of the slug (see checkSlugs). */
  key?: string;
  data: Frontmatter;
  fields: DeclaredFields;
  date?: ContentDate;
  updated?: ContentDate;
  body: string;
  /** Lines before the body, to turn a body line into a file line. */
  bodyLineOffset: number;
}

/** How the loader reads frontmatter for one site: its rules and the schema of its declared fields. */
interface Reader {
  site: Site;
  rules: FrontmatterRules;
  declaredSchema: z.ZodType<Record<string, unknown>>;
}

function reader(site: Site): Reader {
  return { site, rules: frontmatterRules(site.frontmatter), declaredSchema: z.object(site.frontmatter.fields) };
}

function parseSource(source: SourceFile, { site, rules, declaredSchema }: Reader, issues: ContentIssue[]): Parsed | undefined {
  const { file } = source;
  const result = readFrontmatter(fs.readFileSync(source.absolute, 'utf8'));
  if (!result.ok) {
    issues.push({ file, ...result.error });
    return undefined;
  }
  const { frontmatter } = result;
  const mapped = mapFrontmatter(frontmatter.data, rules);
  for (const issue of mapped.issues) issues.push({ file, ...frontmatter.locate(issue.path), field: issue.path.join('.'), message: issue.message });

  /** A zod issue at the key the value was written under (`pubDate`, not `date`). */
  const located = (input: Record<string, unknown>, renamed: Map<string, string[]>) => (issue: z.core.$ZodIssue): ContentIssue => {
    const [first, ...rest] = issue.path.map(String);
    const key = first ?? '';
    const written = [...(renamed.get(key) ?? [key]), ...rest];
    const missing = !(key in input);
    return {
      file,
      ...(missing ? {} : (frontmatter.locate(written) ?? frontmatter.locate(written.slice(0, -rest.length || undefined)))),
      field: written.join('.') || undefined,
      message: missing && key !== 'title' ? `is required (${issue.message})` : issue.message,
    };
  };
  const builtin = frontmatterSchema.safeParse(mapped.builtin);
  const declared = declaredSchema.safeParse(mapped.declared);
  if (!builtin.success) issues.push(...builtin.error.issues.map(located(mapped.builtin, mapped.sourceOf)));
  if (!declared.success) issues.push(...declared.error.issues.map(located(mapped.declared, new Map())));
  if (!builtin.success) return undefined;

  const data = builtin.data;
  // A date problem is reported at the key the file wrote (`pubDate` with the astro preset).
  const written = (field: string) => mapped.sourceOf.get(field) ?? [field];
  const dateKey = [...rules.rename].find(([, target]) => target === 'date')?.[0] ?? 'date';
  const dates = readDates(source, data, site.timeZone, dateKey, ({ field, message }) =>
    issues.push({ file, ...(field && frontmatter.locate(written(field))), ...(field && { field: written(field).join('.') }), message }),
  );
  if (!dates) return undefined;
  if (mapped.issues.length || !declared.success) return undefined;

  return {
    source,
    slug: data.slug ?? source.nameSlug,
    data,
    fields: declared.data as DeclaredFields,
    ...dates,
    body: withoutRepeatedTitle(frontmatter.body, data.title),
    bodyLineOffset: frontmatter.bodyLineOffset,
  };
}

const headingText = (text: string) => text.replace(/\s+#+\s*$/, '').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The body without a first line `# <the title>`, which markdown written for GitHub, Obsidian or
 * Gatsby often starts with: the page shows the title as its heading already, and a second <h1>
 * would repeat it. The line is blanked, not removed, so line numbers in messages stay true.
 */
function withoutRepeatedTitle(body: string, title: string): string {
  const first = /^(?:[ \t]*\r?\n)*[ \t]{0,3}#[ \t]+(.+?)[ \t]*(?=\r?\n|$)/.exec(body);
  if (!first || headingText(first[1]!) !== headingText(title)) return body;
  const lineStart = first.index + first[0].lastIndexOf('\n') + 1;
  return `${body.slice(0, lineStart)}${body.slice(first.index + first[0].length)}`;
}

/**
 * The publication and update dates: from the frontmatter, or for a post from a Jekyll-style file
 * name. Reports each problem with the built-in field it concerns; returns undefined on any.
 */
function readDates(
  source: SourceFile,
  data: Frontmatter,
  timeZone: string,
  dateKey: string,
  report: (issue: { field?: 'date' | 'updated'; message: string }) => void,
): { date?: ContentDate; updated?: ContentDate } | undefined {
  const dateText = data.date ?? source.nameDate;
  if (dateText === undefined && source.kind === 'post') {
    report({ field: 'date', message: `is required: add ${dateKey}: 2025-01-06 to the frontmatter, or start the file name with the date (2025-01-06-${source.nameSlug}.md)` });
    return undefined;
  }
  const date = dateText === undefined ? undefined : parseContentDate(dateText, timeZone);
  const updated = data.updated === undefined ? undefined : parseContentDate(data.updated, timeZone);
  let ok = true;
  const fail = (issue: { field?: 'date' | 'updated'; message: string }) => {
    report(issue);
    ok = false;
  };
  if (dateText !== undefined && !date) {
    if (data.date === undefined) fail({ message: `the file name starts with "${dateText}", which is not a date: rename the file or add a date to the frontmatter` });
    else fail({ field: 'date', message: `"${data.date}" is not a date: use 2025-01-06, 2025-01-06T09:30 (site time zone) or 2025-01-06T09:30:00Z` });
  }
  if (data.updated !== undefined && !updated) fail({ field: 'updated', message: `"${data.updated}" is not a date: use 2025-01-06, 2025-01-06T09:30 or 2025-01-06T09:30:00Z` });
  if (date && updated && updated.instant < date.instant) fail({ field: 'updated', message: `${data.updated} is before date ${dateText}: an update cannot precede publication` });
  return ok ? { ...(date ? { date } : {}), ...(updated ? { updated } : {}) } : undefined;
}

/**
 * Slugs that are not URL slugs, page slugs the site's routes use, and two entries with one slug at
 * one URL (by file name or by a `slug` field): each an error naming the files. Posts that share a
 * slug but not a URL (`/:year/:slug/` permalinks, "weekly-notes" every week) are kept: the oldest
 * keeps the slug as its key (card, JSON, cache), each later one gets the slug and its date
 * (`weekly-notes-2024-05-06`), so a newer namesake never renames an older post's files.
 * Returns the entries to keep.
 */
function checkSlugs(parsed: Parsed[], issues: ContentIssue[], entryPath: (p: Parsed) => string, timeZone: string): Parsed[] {
  const bySlug = new Map<string, Parsed[]>();
  const kept = parsed.filter((p) => {
    const { source, slug } = p;
    if (!SLUG.test(slug)) {
      issues.push({ file: source.file, message: `"${slug}" is not a URL slug: use lowercase letters, digits and hyphens, e.g. rename it to "${suggestSlug(slug)}" (or set slug: ${suggestSlug(slug)} in the frontmatter)` });
      return false;
    }
    if (source.kind === 'page' && RESERVED_PAGE_SLUGS.has(slug)) {
      issues.push({ file: source.file, message: `page slug "${slug}" is taken by the site's own routes (${[...RESERVED_PAGE_SLUGS].join(', ')}); rename the page` });
      return false;
    }
    const key = `${source.kind}:${slug}`;
    const twin = bySlug.get(key)?.find((other) => source.kind === 'page' || entryPath(other) === entryPath(p));
    if (twin) {
      issues.push({ file: source.file, message: `duplicate slug "${slug}": ${twin.source.file} and ${source.file} are both ${source.kind}s with that slug; rename or remove one, or give one a slug field` });
      return false;
    }
    bySlug.set(key, [...(bySlug.get(key) ?? []), p]);
    return true;
  });
  const taken = new Set(bySlug.keys());
  for (const group of bySlug.values()) {
    const later = [...group].sort((a, b) => a.date!.instant.getTime() - b.date!.instant.getTime() || a.source.file.localeCompare(b.source.file)).slice(1);
    for (const p of later) {
      const dated = `${p.slug}-${calendarDay(p.date!.instant, timeZone)}`;
      let key = dated;
      for (let n = 2; taken.has(`post:${key}`); n++) key = `${dated}-${n}`;
      taken.add(`post:${key}`);
      p.key = key;
    }
  }
  return kept;
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

export interface LoadOptions {
  /**
   * Renders the files the render memo lacks before the loader walks them; without it the loader
   * renders them itself, one by one. `npm run build` passes `renderOnThreads` (render-threads.ts),
   * which Next.js's bundles never import: its workers start from TypeScript files.
   */
  renderMissing?: (files: FileToRender[], targets: LinkTargets) => Promise<Map<string, Rendering>>;
  /** The folder whose files site paths name (`/images/a.png` is `<publicDir>/images/a.png`); `public/` by default. */
  publicDir?: string;
}

/**
 * Reads, validates and renders every post and page under `site.contentRoot`. Throws one
 * ContentError listing every problem of every file.
 */
export async function loadContent(site: Site, { renderMissing, publicDir = path.resolve('public') }: LoadOptions = {}): Promise<Entry[]> {
  const issues: ContentIssue[] = [];
  if (!fs.existsSync(site.contentRoot)) {
    throw new ContentError(site.contentRoot, [{ file: '.', message: `content folder not found: create it or point CONTENT_DIR at it` }]);
  }
  const read = reader(site);
  const entryPath = ({ source, slug, date, data }: Parsed) =>
    data.permalink
      ? permalinkPagePath(data.permalink)
      : source.kind === 'post' ? postPath(site.permalinks.post, slug, calendarDay(date!.instant, site.timeZone)) : pagePath(slug);
  const parsed = checkSlugs(
    discover(site.contentRoot, issues)
      .map((source) => parseSource(source, read, issues))
      .filter((p): p is Parsed => p !== undefined),
    issues,
    entryPath,
    site.timeZone,
  );

  const rules = new Map(parsed.map((p) => [p, publication({ draft: p.data.draft, unlisted: p.data.unlisted, date: p.date?.instant }, site)]));
  const hiddenFiles = new Set(parsed.filter((p) => rules.get(p)!.visibility === 'hidden').map((p) => p.source.file));

  for (const p of parsed) {
    if (p.data.permalink && permalinkPagePath(p.data.permalink).split('/').length - 2 > MAX_ENTRY_DEPTH) {
      issues.push({ file: p.source.file, field: 'permalink', message: `"${p.data.permalink}" has more than ${MAX_ENTRY_DEPTH} segments: shorten it` });
    }
  }
  const built = parsed.filter((p) => !hiddenFiles.has(p.source.file));
  issues.push(...pathCollisions(built.map((p) => ({ file: p.source.file, path: entryPath(p) })), site));
  const builtPaths = built.map((p) => ({ file: p.source.file, path: entryPath(p), assets: p.source.assets }));
  const sitePathOf = sitePathLookup(builtPaths);
  const isPublished = publishedPathSet(builtPaths);
  const world = linkWorld(site.url, site.basePath, builtPaths, publicDir);
  const renderedKeys = new Set<string>();

  const targets: LinkTargets = { siteUrl: site.url, basePath: site.basePath, built: builtPaths, publicDir };
  const resolvers = { lookup: sitePathOf, isPublished, localFile: localFileLookup(builtPaths, publicDir) };
  const toRender = new Map<Parsed, FileToRender>();
  for (const p of built) {
    const pagePath = entryPath(p);
    toRender.set(p, { key: renderKey(world, p.source.file, pagePath, p.body, p.source.assets), file: p.source.file, pagePath, body: p.body });
  }
  if (renderMissing) {
    const missing = [...toRender.values()].filter((job) => !hasRendering(job.key));
    if (missing.length) rememberRenderings(await renderMissing(missing, targets));
  }

  // One file at a time: rendering is CPU work on this thread either way, and starting every file at
  // once keeps every file's syntax trees alive together.
  const entries: Entry[] = [];
  for (const p of parsed) {
    const { source, data } = p;
    const rule = rules.get(p)!;
    const job = toRender.get(p);
    const rendered = job && (await memoizedRender(job.key, () => renderFile(job, targets, resolvers)));
    if (job) renderedKeys.add(job.key);
    for (const tag of rendered?.templateSyntax ?? []) {
      issues.push({ file: source.file, ...(tag.line ? { line: tag.line + p.bodyLineOffset, column: tag.column } : {}), message: templateSyntaxMessage(tag) });
    }
    for (const link of rendered?.brokenLinks ?? []) {
      issues.push({
        file: source.file,
        ...(link.line ? { line: link.line + p.bodyLineOffset, column: link.column } : {}),
        message: brokenLinkMessage(link, hiddenFiles),
      });
    }
    const firstParagraph = rendered?.firstParagraph ?? '';
    const dated = source.kind === 'post' ? { kind: 'post' as const, date: p.date! } : { kind: 'page' as const, ...(p.date ? { date: p.date } : {}) };
    entries.push({
      ...dated,
      slug: p.key ?? p.slug,
      ...(p.key ? { urlSlug: p.slug } : {}),
      file: source.file,
      path: entryPath(p),
      title: data.title,
      description: data.description ?? summarize(firstParagraph) ?? data.title,
      ...(p.updated ? { updated: p.updated } : {}),
      tags: entryTags(data.tags),
      author: data.author ? { name: data.author } : site.author,
      image: resolveImage(p, sitePathOf, issues),
      ...(data.canonical ? { canonical: data.canonical } : {}),
      draft: data.draft,
      unlisted: data.unlisted,
      ...rule,
      absoluteMarkdown: rendered?.absoluteMarkdown ?? '',
      html: rendered?.html ?? '',
      toc: rendered?.toc ?? [],
      words: rendered?.words ?? 0,
      readingMinutes: rendered?.readingMinutes ?? 0,
      assets: source.assets,
      fields: p.fields,
      aliases: data.aliases,
      ...(data.permalink ? { permalink: data.permalink } : {}),
      siteLinks: (rendered?.siteLinks ?? []).map((link) => ({ ...link, ...(link.line ? { line: link.line + p.bodyLineOffset } : {}) })),
    });
  }

  keepRenderings(renderedKeys);
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
  const { url, target, pageTarget } = link;
  if (target === undefined) return `link "${url}" is not a valid URL (a "%" must start an escape such as %20): write a literal % as %25`;
  const leftOut = hiddenFiles.has(target) || hiddenFiles.has(`${target.replace(/\/$/, '')}/index.md`);
  if (pageTarget !== undefined && !leftOut) {
    return `link "${url}" points to nothing: read from this file it names ${target}, read from the page's URL it reaches ${pageTarget}, and neither is published. Fix the path, or use a site path starting with "/"`;
  }
  return leftOut
    ? `link "${url}" points to ${target}, which this build leaves out (a draft, or dated after the build): remove the link or publish that post first`
    : `link "${url}" points to no content file or co-located file: fix the path (relative to this file) or use a site path starting with "/"`;
}

/** Up to ~160 characters of plain text, cut at a word boundary. */
export function summarize(text: string, max = 160): string | undefined {
  if (!text) return undefined;
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut.slice(0, max)).replace(/[\s.,;:!?-]+$/, '')}…`;
}
