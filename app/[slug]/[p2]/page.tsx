import { entryRoute } from '@/app/_components/entry-route';

// Posts and standalone pages at paths of 2 segments, e.g. /posts/<slug>/
const route = entryRoute(2);
// No `dynamicParams = false`: the export writes the generated params only, and server mode also serves
// entries added after the build (404 for names that match none).
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
