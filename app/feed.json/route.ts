import { outputRoute } from '@/lib/outputs/route';

// JSON Feed 1.1 of the newest posts: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/feed.json');
