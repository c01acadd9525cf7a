import { outputRoute } from '@/lib/outputs/route';

// RSS archive documents of each tag's feed (RFC 5005): rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/tags/[tag]/feeds/archive/[page]/rss.xml');
