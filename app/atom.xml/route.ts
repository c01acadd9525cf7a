import { outputRoute } from '@/lib/outputs/route';

// Atom 1.0 feed of the newest posts: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/atom.xml');
