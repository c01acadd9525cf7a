import { outputRoute } from '@/lib/outputs/route';

// Files published beside posts (/posts/<slug>/<file>) and their markdown twins /posts/<slug>.md: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/posts/[...file]');
