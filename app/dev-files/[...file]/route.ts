import { devFilesRoute } from '@/lib/outputs/route';

// `next dev` only: every emitted file, at /dev-files/<its path> (next.config.ts rewrites file paths
// here, past the entry page routes). The export and the server build serve each file at its own path.
export const dynamic = 'force-static';
export const dynamicParams = false;
export const { GET, generateStaticParams } = devFilesRoute();
