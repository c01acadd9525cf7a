import { outputRoute } from '@/lib/outputs/route';

// JSON Feed 1.1 of one tag: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/tags/[tag]/feed.json');
