import { outputRoute } from '@/lib/outputs/route';

// RSS archive documents of the site feed (RFC 5005): rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/feeds/archive/[page]/rss.xml');
