import { outputRoute, withDevFiles } from '@/lib/outputs/route';

// Files published beside standalone pages (/<slug>/<file>) and their markdown twins /<slug>.md: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
// No `dynamicParams = false`: the export writes the generated params only, and server mode also serves
// entries added after the build (404 for names that match none).
export const { GET, generateStaticParams } = withDevFiles(outputRoute('/[...file]'));
