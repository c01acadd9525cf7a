import { entryFileRoute } from '@/lib/entry-files';

// Files published beside standalone pages (/<slug>/<file>) and their markdown twins /<slug>.md.
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { generateStaticParams, GET } = entryFileRoute('page');
