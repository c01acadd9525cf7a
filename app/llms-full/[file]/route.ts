import { outputRoute } from '@/lib/outputs/route';

// Parts of llms-full.txt once it passes 50,000 characters (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/llms-full/[file]');
