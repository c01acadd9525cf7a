import { outputRoute } from '@/lib/outputs/route';

// The search box's index (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/search.json');
