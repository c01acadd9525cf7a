import { outputRoute } from '@/lib/outputs/route';

// robots.txt with the sitemap and the AI-crawler policy (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/robots.txt');
