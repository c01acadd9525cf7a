import { outputRoute } from '@/lib/outputs/route';

// JSON Feed 1.1 of one tag (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/tags/[tag]/feed.json');
