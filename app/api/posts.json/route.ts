import { outputRoute } from '@/lib/outputs/route';

// Every listed post as JSON: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/api/posts.json');
