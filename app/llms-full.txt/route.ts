import { outputRoute } from '@/lib/outputs/route';

// Every listed post and page as markdown in one file: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/llms-full.txt');
