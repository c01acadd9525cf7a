import { outputRoute } from '@/lib/outputs/route';

// The home page as markdown (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/index.md');
