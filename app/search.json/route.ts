import { outputRoute } from '@/lib/outputs/route';

// The index the search box loads: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/search.json');
