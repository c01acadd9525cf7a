import { internalReloadRoute } from '@/lib/server/endpoints/internal-reload';

// Server mode only (route.server.ts): the export never contains this route.
export const dynamic = 'force-dynamic';
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = internalReloadRoute;
