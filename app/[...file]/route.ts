import { entryFileRoute } from '@/lib/entry-files';

// Files published beside standalone pages (/<slug>/<file>) and their markdown twins /<slug>.md.
export const dynamic = 'force-static';
// No `dynamicParams = false`: the export writes the generated params only, and server mode also serves
// entries added after the build (404 for names that match none).
export const { generateStaticParams, GET } = entryFileRoute('page');
