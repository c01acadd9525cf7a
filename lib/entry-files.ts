import fs from 'node:fs/promises';
import path from 'node:path';
import { isServerMode } from './build-mode';
import { getContent, perContent, type Content } from './content';
import type { Entry, EntryKind } from './content/model';
import { twinPath } from './outputs/paths';
import { OUTPUTS } from './outputs/registry';
import { PLACEHOLDER_PARAM } from './static-params';

/** A file published beside a post or page, addressed by its URL segments below the kind's root. */
export interface EntryFile {
  /** e.g. ['hello', 'diagram.png'] for /posts/hello/diagram.png */
  segments: string[];
  contentType: string;
  body(): Promise<BodyInit>;
}

const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.avif': 'image/avif', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.pdf': 'application/pdf',
  '.mp4': 'video/mp4', '.webm': 'video/webm', '.mp3': 'audio/mpeg', '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.zip': 'application/zip',
};

export const mediaType = (file: string) => MEDIA_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Every co-located file of the built entries of one kind, and their markdown twins (`<slug>.md`). */
export function entryFiles(content: Content, kind: EntryKind): EntryFile[] {
  return kind === 'post' ? postFiles(content) : pageFiles(content);
}
const postFiles = perContent((content) => listEntryFiles(content, 'post'));
const pageFiles = perContent((content) => listEntryFiles(content, 'page'));

function listEntryFiles(content: Content, kind: EntryKind): EntryFile[] {
  const entries: Entry[] = kind === 'post' ? content.posts : content.pages;
  const assets = entries.flatMap((entry) =>
    entry.assets.map((asset) => ({
      segments: [entry.slug, ...asset.name.split('/')],
      contentType: mediaType(asset.name),
      body: async () => new Uint8Array(await fs.readFile(asset.source)) as BodyInit,
    })),
  );
  const twins = OUTPUTS.find((format) => format.name === 'markdown twins')!;
  const twinFiles = new Map(twins.files(content).map((file) => [file.path, file]));
  const twinOf = (entry: Entry, segments: string[]): EntryFile => ({
    segments,
    contentType: twins.mediaType,
    body: async () => twinFiles.get(twinPath(entry))!.render(),
  });
  // In development the twin is also reachable as <slug>/index.md, where next.config.ts rewrites it;
  // in server mode proxy.server.ts does, for entries added after the build.
  const devAlias = process.env.NODE_ENV === 'development' || isServerMode();
  return [
    ...assets,
    ...entries.map((e) => twinOf(e, [`${e.slug}.md`])),
    ...(devAlias ? entries.map((e) => twinOf(e, [e.slug, 'index.md'])) : []),
  ];
}

/** The route-handler answer for one catch-all path, or 404. */
export async function serveEntryFile(files: EntryFile[], segments: string[]): Promise<Response> {
  const wanted = segments.map((s) => decodeURIComponent(s)).join('/');
  const file = files.find((f) => f.segments.join('/') === wanted);
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(await file.body(), { headers: { 'Content-Type': file.contentType } });
}

/**
 * generateStaticParams and GET for a catch-all `[...file]` route that serves the co-located files
 * and markdown twins of posts or pages. The params are never empty (see static-params.ts).
 */
export function entryFileRoute(kind: EntryKind) {
  const files = async () => entryFiles(await getContent(), kind);
  return {
    async generateStaticParams(): Promise<{ file: string[] }[]> {
      const list = await files();
      return list.length ? list.map((f) => ({ file: f.segments })) : [{ file: [PLACEHOLDER_PARAM] }];
    },
    async GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }): Promise<Response> {
      return serveEntryFile(await files(), (await params).file);
    },
  };
}
