import { outputRoute } from '@/lib/outputs/route';

// The tag index as markdown (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/tags.md');
