// An incremental export: when only content changed since the last export, Next.js generates the
// changed and added entries, their neighbours and the lists that show them, and the unchanged
// entries', tags' and list pages' files are taken from the last export. Next.js has no incremental
// export of its own; this works because the build id is a hash of the code (next.config.ts), so
// pages of the same code are the same bytes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { listPageCount, onListPage, type Content, type Entry } from '@/lib/content';
import { archiveCountOf, postsOfFeedDocument } from '@/lib/outputs/feed-items';
import { entryKey, keptListKey, keptListPath, tagKey } from '@/lib/incremental';
import { outputFilesByOwner } from '@/lib/outputs/registry';
import { feedArchivePath, type FeedFormat, listPagePath, tagPath, twinOfPagePath } from '@/lib/paths';

/** What an export remembers of its content, to tell the next build what changed. */
export interface ContentSnapshot {
  /** Content file (relative to the content folder) → hash of its bytes. */
  files: Record<string, string>;
  /** Markdown file of each entry, drafts included → the entry's key (`post:<slug>`). */
  entryFiles: Record<string, string>;
  /** Slugs of listed posts, newest first: whose neighbours an edit changes. */
  listedPosts: string[];
  /** Slugs of the tags that have a page. */
  tags: string[];
  /** Each built post's tag slugs, by its key: the tags whose lists an edit of the post changes. */
  postTags: Record<string, string[]>;
  /** A hash of each built entry's rendering, by its key: it changes with the URLs the entry links to, not only with its files. */
  renderings: Record<string, string>;
}

/** What an entry's own files are made of besides its frontmatter: its HTML, its markdown with absolute URLs, its assets. */
const renderingHash = (entry: Entry) =>
  crypto.createHash('sha1').update(entry.html).update('\0').update(entry.absoluteMarkdown).update('\0').update(JSON.stringify(entry.assets)).digest('base64url');

export function snapshotOf(content: Content, files: Record<string, string>): ContentSnapshot {
  return {
    files,
    entryFiles: Object.fromEntries(content.all.map((e) => [e.file, entryKey(e)])),
    listedPosts: content.listedPosts.map((p) => p.slug),
    tags: content.tags.map((t) => t.tag.slug),
    postTags: Object.fromEntries(content.posts.map((p) => [entryKey(p), p.tags.map((t) => t.slug)])),
    renderings: Object.fromEntries([...content.posts, ...content.pages].map((e) => [entryKey(e), renderingHash(e)])),
  };
}

/**
 * The entry a content file belongs to, by the entries' own files: `posts/2024-05-01-a.md` is the
 * post its frontmatter or name makes `post:a` (or `post:b` with `slug: b`), and a file in a post's
 * folder belongs to that folder's index.md.
 */
export function entryKeyOfFile(file: string, entryFiles: Record<string, string>): string | undefined {
  if (entryFiles[file]) return entryFiles[file];
  for (let dir = path.posix.dirname(file); dir !== '.' && dir !== '/'; dir = path.posix.dirname(dir)) {
    const owner = entryFiles[`${dir}/index.md`];
    if (owner) return owner;
  }
  return undefined;
}

export type Plan =
  | { incremental: false; reason: string }
  | { incremental: true; regenerate: Set<string>; changed: number; removed: number };

/** What to generate again, given the last export's snapshot and the content now; or why it must be cold. */
export function planIncremental(previous: ContentSnapshot, content: Content, files: Record<string, string>): Plan {
  if (!previous.entryFiles || !previous.postTags || !previous.renderings) return { incremental: false, reason: 'the last export recorded no entry files' };
  const { entryFiles, postTags, renderings } = snapshotOf(content, files);
  const changedKeys = new Set<string>();
  for (const file of new Set([...Object.keys(previous.files), ...Object.keys(files)])) {
    // A file's entry before and now: an edit can move it to another key (a slug field, a new namesake).
    const before = previous.files[file] === undefined ? undefined : entryKeyOfFile(file, previous.entryFiles);
    const now = files[file] === undefined ? undefined : entryKeyOfFile(file, entryFiles);
    if (previous.files[file] === files[file] && before === now) continue;
    if (!before && !now) return { incremental: false, reason: `${file} changed, and it belongs to no single entry` };
    if ([before, now].some((key) => key?.startsWith('page:'))) return { incremental: false, reason: `${file} changed: pages are in every page's navigation` };
    for (const key of [before, now]) if (key) changedKeys.add(key);
  }
  // A post whose key changed while its files did not (an older namesake arrived) moves its files too.
  for (const [file, key] of Object.entries(entryFiles)) {
    const before = previous.entryFiles[file];
    if (before && before !== key) changedKeys.add(before).add(key);
  }
  // An entry whose files are the same can still render differently: it links a post whose URL moved.
  for (const [key, hash] of Object.entries(renderings)) {
    const before = previous.renderings[key];
    if (before !== undefined && before !== hash) changedKeys.add(key);
  }
  const built = new Map([...content.posts, ...content.pages].map((e) => [entryKey(e), e]));
  const regenerate = new Set([...changedKeys].filter((key) => built.has(key)));

  // The previous and next posts of a changed post, before and after the change, show its title.
  const slugs = [...changedKeys].filter((key) => key.startsWith('post:')).map((key) => key.slice('post:'.length));
  for (const order of [previous.listedPosts, content.listedPosts.map((p) => p.slug)]) {
    const index = new Map(order.map((slug, i) => [slug, i]));
    for (const slug of slugs) {
      const i = index.get(slug);
      if (i === undefined) continue;
      for (const neighbour of [order[i - 1], order[i + 1]]) if (neighbour && built.has(`post:${neighbour}`)) regenerate.add(`post:${neighbour}`);
    }
  }
  // A post links only its tags that have a page: when a tag gains or loses its page, so do its posts' links.
  const tagsBefore = new Set(previous.tags);
  const tagsNow = new Set(content.tags.map((t) => t.tag.slug));
  const flipped = new Set([...tagsBefore, ...tagsNow].filter((slug) => tagsBefore.has(slug) !== tagsNow.has(slug)));
  // A tag's pages and feeds show its posts' titles, dates, descriptions and tag links: they change
  // with the posts that changed (their tags before and after) and with those posts' links. Every
  // other tag's files are kept from the last export.
  const touched = new Set([...changedKeys].flatMap((key) => [...(previous.postTags[key] ?? []), ...(postTags[key] ?? [])]));
  // Posts whose entry in a list looks different now: the changed ones and those whose tag links flipped.
  const relisted = new Set(changedKeys);
  for (const post of content.posts) {
    if (!post.tags.some((t) => flipped.has(t.slug))) continue;
    regenerate.add(entryKey(post));
    relisted.add(entryKey(post));
    for (const t of post.tags) touched.add(t.slug);
  }
  for (const slug of touched) if (tagsNow.has(slug)) regenerate.add(tagKey(slug));
  for (const key of keptLists(previous.listedPosts, content, relisted)) regenerate.add(key);

  const removed = [...changedKeys].filter((key) => !built.has(key)).length;
  return { incremental: true, regenerate, changed: changedKeys.size - removed, removed };
}

const FEED_FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];

/**
 * The numbered home pages and site feed archives that show the same posts as in the last export,
 * none of them `relisted` (changed, or with a tag link that flipped), under the same count of pages
 * or archives (which their navigation shows): their `keep:` keys. An edit keeps every page but its
 * own; a new post shifts the pages after it and keeps none of them.
 */
export function keptLists(previousListed: string[], content: Content, relisted: Set<string>): string[] {
  const listed = content.listedPosts.map((p) => p.slug);
  const keepable = (before: string[], now: string[]) =>
    before.length === now.length && now.every((slug, i) => slug === before[i] && !relisted.has(entryKey({ kind: 'post', slug })));
  const kept: string[] = [];
  // Page 1 is the home page's twin, generated with it.
  const pages = listPageCount(content, listed);
  if (listPageCount(content, previousListed) === pages) {
    for (let n = 2; n <= pages; n++) {
      if (!keepable(onListPage(content, previousListed, n), onListPage(content, listed, n))) continue;
      kept.push(keptListKey(listPagePath(n)), keptListKey(twinOfPagePath(listPagePath(n))));
    }
  }
  const perFeed = content.site.feeds.items;
  const archives = archiveCountOf(listed.length, perFeed);
  if (archiveCountOf(previousListed.length, perFeed) === archives) {
    for (let n = 1; n <= archives; n++) {
      if (!keepable(postsOfFeedDocument(previousListed, n, perFeed), postsOfFeedDocument(listed, n, perFeed))) continue;
      kept.push(...FEED_FORMATS.map((format) => keptListKey(feedArchivePath(format, n))));
    }
  }
  return kept;
}

/**
 * Site paths of the files the unchanged entries own in an export: their page folder (page, payload
 * files, co-located files) and their files in the output table (twin, JSON, card); and the folder
 * and twin of each unchanged tag (its pages, feeds and feed archives).
 */
function keptOwnership(content: Content, regenerate: Set<string>): { folders: string[]; files: Set<string> } {
  const owned = outputFilesByOwner(content);
  const kept = [...content.posts, ...content.pages].filter((e) => !regenerate.has(entryKey(e)));
  const keptTags = content.tags.map(({ tag }) => tag.slug).filter((slug) => !regenerate.has(tagKey(slug)));
  const keptListPaths = [...regenerate].map(keptListPath).filter((p) => p !== undefined);
  return {
    folders: [...kept.map((e) => e.path.slice(1)), ...keptTags.map((slug) => tagPath(slug).slice(1)), ...keptListPaths.filter((p) => p.endsWith('/')).map((p) => p.slice(1))],
    files: new Set([
      ...kept.flatMap((e: Entry) => (owned.get(e) ?? []).map((o) => o.file.path.slice(1))),
      ...keptTags.map((slug) => twinOfPagePath(tagPath(slug)).slice(1)),
      ...keptListPaths.filter((p) => !p.endsWith('/')).map((p) => p.slice(1)),
    ]),
  };
}

/**
 * Adds to `partial` (what Next.js generated) the files of unchanged entries from `previous` (the last
 * export), as hard links: neither folder is written again, and the old one is deleted after the swap.
 * Files of removed entries, and lists not named as kept, come only from the new build. Returns how many were taken.
 */
export function mergePrevious(previous: string, partial: string, content: Content, regenerate: Set<string>): number {
  const { folders, files } = keptOwnership(content, regenerate);
  const folderSet = new Set(folders.map((f) => f.replace(/\/$/, '')));
  let taken = 0;
  const take = (rel: string) => {
    const target = path.join(partial, rel);
    if (fs.existsSync(target)) return;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.linkSync(path.join(previous, rel), target);
    taken++;
  };
  const walk = (rel: string, inKeptFolder: boolean) => {
    for (const d of fs.readdirSync(path.join(previous, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${d.name}` : d.name;
      if (child === '_next') continue;
      const kept = inKeptFolder || folderSet.has(child);
      if (d.isDirectory()) walk(child, kept);
      else if (kept || files.has(child)) take(child);
    }
  };
  walk('', false);
  return taken;
}
