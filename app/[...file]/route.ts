import { entryFileRoute } from '@/lib/entry-files';
import { DYNAMIC_PARAMS_FOR_MODE } from '@/lib/build-mode';

// Files published beside standalone pages (/<slug>/<file>) and their markdown twins /<slug>.md.
export const dynamic = 'force-static';
export const dynamicParams = DYNAMIC_PARAMS_FOR_MODE;
export const { generateStaticParams, GET } = entryFileRoute('page');
