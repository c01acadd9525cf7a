import { outputRoute } from '@/lib/outputs/route';

// Sitemap chunks /sitemaps/<n>.xml of a sitemap index: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/sitemaps/[file]');
