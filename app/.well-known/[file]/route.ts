import { outputRoute } from '@/lib/outputs/route';

// security.txt, and atproto-did and webfinger when configured: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/.well-known/[file]');
