import { getContent } from '@/lib/content';
import { entryFileParams, entryFiles, serveEntryFile } from '@/lib/entry-files';

// Files published beside posts (/posts/<slug>/<file>) and the markdown twins /posts/<slug>.md.
export const dynamic = 'force-static';
export const dynamicParams = false;

export async function generateStaticParams() {
  return entryFileParams(entryFiles(await getContent(), 'post'));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }) {
  return serveEntryFile(entryFiles(await getContent(), 'post'), (await params).file);
}
