import { outputRoute } from '@/lib/outputs/route';

// Each page of the home list as markdown, /page/<n>.md (rendered by lib/outputs; see OUTPUTS in lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/page/[...file]');
