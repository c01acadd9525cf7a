import { outputRoute } from '@/lib/outputs/route';

// One post as JSON: /api/posts/<slug>.json (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/api/posts/[file]');
