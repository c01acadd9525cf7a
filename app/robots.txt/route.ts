import { outputRoute } from '@/lib/outputs/route';

// robots.txt: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/robots.txt');
