import { outputRoute } from '@/lib/outputs/route';

// The web app manifest: rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/manifest.webmanifest');
