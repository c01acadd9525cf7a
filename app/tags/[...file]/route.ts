import { outputRoute } from '@/lib/outputs/route';

// Each tag page as markdown, /tags/<tag>.md (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/tags/[...file]');
