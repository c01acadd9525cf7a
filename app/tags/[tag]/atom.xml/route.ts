import { outputRoute } from '@/lib/outputs/route';

// Atom 1.0 feed of one tag: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = outputRoute('/tags/[tag]/atom.xml');
