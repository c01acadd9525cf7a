import { outputRoute } from '@/lib/outputs/route';

// Atom archive documents of each tag's feed (RFC 5005): rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/tags/[tag]/feeds/archive/[page]/atom.xml');
