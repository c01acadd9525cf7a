import { outputRoute } from '@/lib/outputs/route';

// llms.txt (llmstxt.org): rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/llms.txt');
