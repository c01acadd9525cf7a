import { outputRoute } from '@/lib/outputs/route';

// Open Graph cards /og/site.png and /og/posts/<slug>.png (the param carries the extension, so the export writes real .png files): rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/og/[...card]');
