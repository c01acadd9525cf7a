import { outputRoute } from '@/lib/outputs/route';

// One post as JSON: /api/posts/<slug>.json: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/api/posts/[file]');
