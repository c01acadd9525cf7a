import { entryFileRoute } from '@/lib/entry-files';

// Files published beside posts (/posts/<slug>/<file>) and the markdown twins /posts/<slug>.md.
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { generateStaticParams, GET } = entryFileRoute('post');
