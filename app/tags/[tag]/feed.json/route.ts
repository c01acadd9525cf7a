import { outputRoute } from '@/lib/outputs/route';

// JSON Feed 1.1 of one tag: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
// No `dynamicParams = false`: the export writes the generated params only, and server mode also serves
// entries added after the build (404 for names that match none).
export const { GET, generateStaticParams } = outputRoute('/tags/[tag]/feed.json');
