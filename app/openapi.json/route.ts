import { openApiDocument } from '@/lib/openapi';
import { getSite } from '@/lib/site';

// The API description, in both modes (a static file in the export).
export const dynamic = 'force-static';

export function GET() {
  return Response.json(openApiDocument(getSite()));
}
