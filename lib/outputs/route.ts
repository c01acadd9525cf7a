import { getContent } from '../content';
import { PLACEHOLDER_PARAM } from '../static-params';
import { outputFiles, type OutputFile, type OutputFormat } from './registry';

type Params = Record<string, string | string[]>;
const PARAM = /^\[(\w+)\]$/;
/** A catch-all last segment, `[...file]`: one or more segments. */
const CATCH_ALL = /^\[\.\.\.(\w+)\]$/;

/** The route parameters when `sitePath` is a file of `route` (`/tags/[tag]/rss.xml`, `/tags/[...file]`), else undefined. */
export function matchRoute(route: string, sitePath: string): Params | undefined {
  const want = route.split('/');
  const have = sitePath.split('/');
  const rest = CATCH_ALL.exec(want.at(-1)!)?.[1];
  if (rest ? have.length < want.length : want.length !== have.length) return undefined;
  const params: Params = {};
  for (const [i, segment] of want.entries()) {
    const name = PARAM.exec(segment)?.[1];
    if (rest && i === want.length - 1) params[rest] = have.slice(i);
    else if (name) params[name] = have[i]!;
    else if (segment !== have[i]) return undefined;
  }
  return params;
}

/** The answer for one output file: its body with the media type the registry names. */
export function outputResponse(format: OutputFormat, file: OutputFile): Response {
  return new Response(file.render(), {
    headers: {
      'Content-Type': format.mediaType,
      'Cache-Control': format.cache,
      ...(format.cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      ...(format.vary ? { Vary: format.vary } : {}),
    },
  });
}

/**
 * GET and generateStaticParams for a route file that serves registry outputs. `route` is the route
 * file's own path, e.g. `/tags/[tag]/rss.xml`; it serves every output file whose path matches (of
 * the named rows only, when `rows` is given).
 */
export function outputRoute(route: string, { rows }: { rows?: string[] } = {}) {
  // A catch-all route beside other routes names the rows it serves, so it never claims their files.
  const filesOf = async () =>
    outputFiles(await getContent()).filter(({ format, file }) => (!rows || rows.includes(format.name)) && matchRoute(route, file.path));
  return {
    async generateStaticParams(): Promise<Params[]> {
      const params = (await filesOf()).map(({ file }) => matchRoute(route, file.path)!);
      if (params.length) return params;
      // Next.js refuses an empty list; the build removes the placeholder (lib/static-params.ts).
      const names = [...route.matchAll(/\[(\.\.\.)?(\w+)\]/g)].map((m) => [m[2]!, m[1] ? [PLACEHOLDER_PARAM] : PLACEHOLDER_PARAM]);
      return [Object.fromEntries(names)];
    },
    async GET(_request: Request, context: { params: Promise<Params> }): Promise<Response> {
      const params = (await context.params) ?? {};
      const value = (name: string) => [params[name] ?? ''].flat().map(decodeURIComponent).join('/');
      const sitePath = route.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => value(name));
      // <x>/index.md is the development alias of <x>.md (next.config.ts rewrites to it).
      const list = await filesOf();
      const match = list.find(({ file }) => file.path === sitePath) ?? list.find(({ file }) => file.path === sitePath.replace(/\/index\.md$/, '.md'));
      return match ? outputResponse(match.format, match.file) : new Response('Not found', { status: 404 });
    },
  };
}
