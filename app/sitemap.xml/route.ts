import { outputRoute } from '@/lib/outputs/route';

// The sitemap, or the sitemap index past sitemap.maxUrls: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/sitemap.xml');
