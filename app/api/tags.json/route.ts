import { outputRoute } from '@/lib/outputs/route';

// Every tag as JSON: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/api/tags.json');
