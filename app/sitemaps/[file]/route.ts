import { outputRoute } from '@/lib/outputs/route';
import { DYNAMIC_PARAMS_FOR_MODE } from '@/lib/build-mode';

// Sitemap chunks /sitemaps/<n>.xml of a sitemap index (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = DYNAMIC_PARAMS_FOR_MODE;
export const { GET, generateStaticParams } = outputRoute('/sitemaps/[file]');
