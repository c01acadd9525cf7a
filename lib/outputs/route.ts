import { getContent } from '../content';
import { isRegenerated } from '../incremental';
import { PLACEHOLDER_PARAM } from '../static-params';
import { outputFileByPath, outputFiles, type OutputFile } from './registry';

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

/** The answer for one output file: its body with the media type and caching its row names. */
export async function outputResponse({ row, file }: OutputFile): Promise<Response> {
  const body = await file.body();
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'Content-Type': file.mediaType ?? row.mediaType,
      'Cache-Control': row.cache,
      ...(row.cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      ...(row.vary ? { Vary: row.vary } : {}),
    },
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
        // An incremental export keeps the files of unchanged entries from the previous one.
        .filter(({ row, file }) => row.route === route && (!file.entry || isRegenerated(file.entry)))
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
 * The development-only route that answers any emitted file by its path (see DEV_FILES_ROOT): the
 * entry page routes match `/posts/hello.md` before a catch-all could, and `next dev` answers 404
 * there. Outside development it lists only the placeholder, which the build removes.
 */
export function devFilesRoute() {
  const development = process.env.NODE_ENV === 'development';
  return {
    async generateStaticParams(): Promise<Params[]> {
      if (!development) return [{ file: [PLACEHOLDER_PARAM] }];
      return outputFiles(await getContent()).filter(({ row }) => row.route).map(({ file }) => ({ file: file.path.slice(1).split('/') }));
    },
    async GET(_request: Request, context: { params: Promise<Params> }): Promise<Response> {
      const output = development ? outputFileByPath(await getContent()).get(sitePathOf('/[...file]', (await context.params) ?? {})) : undefined;
      return output?.row.route ? outputResponse(output) : new Response('Not found', { status: 404 });
    },
  };
}
