import { outputRoute } from '@/lib/outputs/route';

// Tags as JSON (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/api/tags.json');
