import { outputRoute } from '@/lib/outputs/route';

// llms.txt (llmstxt.org): the site for language models (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/llms.txt');
