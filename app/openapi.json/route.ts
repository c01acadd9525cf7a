import { outputRoute } from '@/lib/outputs/route';

// The OpenAPI description of the server API (a static file in the export too): rows of the output table (lib/outputs/registry.ts).
export const dynamic = 'force-static';
export const { GET } = outputRoute('/openapi.json');
