import { adminSubmissionsRoute } from '@/lib/server/endpoints/admin';

// Server mode only (route.server.ts): the export never contains this route.
export const dynamic = 'force-dynamic';
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = adminSubmissionsRoute;
