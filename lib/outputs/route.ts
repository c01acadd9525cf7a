import { getContent } from '../content';
import { isOutputFileRegenerated } from '../incremental';
import { isServerMode } from '../build-mode';
import { DEV_FILES_ROOT } from '../paths';
import { PLACEHOLDER_PARAM } from '../static-params';
import { fileHeaders, outputFileByPath, outputFiles, type OutputFile } from './registry';

type Params = Record<string, string | string[]>;
const PARAM = /^\[(\.\.\.)?(\w+)\]$/;

/**
 * The route parameters when `sitePath` is a file of `route` (`/tags/[tag]/rss.xml`, or a catch-all
 * such as `/posts/[...file]`), else undefined.
 */
export function matchRoute(route: string, sitePath: string): Params | undefined {
  const want = route.split('/');
  const have = sitePath.split('/');
  const params: Params = {};
  for (const [i, segment] of want.entries()) {
    const [, rest, name] = PARAM.exec(segment) ?? [];
    if (rest && name) {
      if (i === want.length - 1 && have.length > i) return { ...params, [name]: have.slice(i) };
      return undefined;
    }
    if (i >= have.length) return undefined;
    if (name) params[name] = have[i]!;
    else if (segment !== have[i]) return undefined;
  }
  return want.length === have.length ? params : undefined;
}

/** The site path a route answers for its (decoded) parameters. */
function sitePathOf(route: string, params: Params): string {
  return route.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
    const value = params[name] ?? '';
    return (Array.isArray(value) ? value : [value]).map((s) => decodeURIComponent(s)).join('/');
  });
}

/** The answer for one output file: its body with the media type and headers its row names. */
export async function outputResponse({ row, file }: OutputFile): Promise<Response> {
  const body = await file.body();
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: { 'Content-Type': file.mediaType ?? row.mediaType, ...fileHeaders(row, file) },
  });
}

/**
 * GET and generateStaticParams for a route file that serves rows of the output table. `route` is the
 * route file's own path, e.g. `/tags/[tag]/rss.xml` for `app/tags/[tag]/rss.xml/route.ts`; it serves
 * the files of every row whose `route` it is.
 */
export function outputRoute(route: string) {
  const names = [...route.matchAll(/\[(\.\.\.)?(\w+)\]/g)].map((m) => ({ name: m[2]!, catchAll: Boolean(m[1]) }));
  return {
    async generateStaticParams(): Promise<Params[]> {
      const params = outputFiles(await getContent())
        // An incremental export keeps the files of unchanged entries, tags and lists from the previous one.
        .filter(({ row, file }) => row.route === route && isOutputFileRegenerated(file))
        .map(({ file }) => matchRoute(route, file.path))
        .filter((p): p is Params => p !== undefined);
      if (params.length) return params;
      // Next.js refuses an empty list; the build removes the placeholder (lib/static-params.ts).
      return [Object.fromEntries(names.map(({ name, catchAll }) => [name, catchAll ? [PLACEHOLDER_PARAM] : PLACEHOLDER_PARAM]))];
    },
    async GET(_request: Request, context: { params: Promise<Params> }): Promise<Response> {
      const output = outputFileByPath(await getContent()).get(sitePathOf(route, (await context.params) ?? {}));
      return output?.row.route === route ? outputResponse(output) : new Response('Not found', { status: 404 });
    },
  };
}

/**
 * In `next dev` the root catch-all also answers every emitted file at DEV_FILES_ROOT + its path:
 * next.config.ts rewrites file paths there, because `next dev` matches the entry page routes
 * (app/[slug]/…, up to five segments) before any catch-all and answers their unknown params with an
 * error. The prefix is deeper than any entry page, so only the catch-all can take it. The export and
 * the server build serve each file at its own path and never see the prefix.
 */
export function withDevFiles(route: ReturnType<typeof outputRoute>): ReturnType<typeof outputRoute> {
  const development = process.env.NODE_ENV === 'development';
  // Server mode rewrites file requests here too (proxy.server.ts), so files of entries added or edited
  // after the build are answered from the current content.
  if (!development && !isServerMode()) return route;
  const prefix = DEV_FILES_ROOT.slice(1).split('/');
  return {
    async generateStaticParams() {
      const own = await route.generateStaticParams();
      if (!development) return own;
      const all = outputFiles(await getContent()).filter(({ row }) => row.route).map(({ file }) => ({ file: [...prefix, ...file.path.slice(1).split('/')] }));
      return [...own, ...all];
    },
    async GET(request, context) {
      const params = (await context.params) ?? {};
      const segments = [params.file ?? []].flat();
      if (segments.slice(0, prefix.length).join('/') !== prefix.join('/')) return route.GET(request, context);
      const output = outputFileByPath(await getContent()).get(sitePathOf('/[...file]', { file: segments.slice(prefix.length) }));
      return output?.row.route ? outputResponse(output) : new Response('Not found', { status: 404 });
    },
  };
}
