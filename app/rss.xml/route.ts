import { outputRoute } from '@/lib/outputs/route';

// RSS 2.0 feed of the newest posts: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/rss.xml');
