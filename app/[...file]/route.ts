import { getContent } from '@/lib/content';
import { entryFileParams, entryFiles, serveEntryFile } from '@/lib/entry-files';

// Files published beside standalone pages (/<slug>/<file>) and their markdown twins /<slug>.md.
export const dynamic = 'force-static';
export const dynamicParams = false;

export async function generateStaticParams() {
  return entryFileParams(entryFiles(await getContent(), 'page'));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }) {
  return serveEntryFile(entryFiles(await getContent(), 'page'), (await params).file);
}
