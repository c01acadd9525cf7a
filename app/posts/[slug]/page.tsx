import { entryRoute } from '@/app/_components/entry-route';

// A post: /posts/<slug>/.
const route = entryRoute('post');
// No `dynamicParams = false`: the export writes the generated params only, and server mode also serves
// entries added after the build (404 for names that match none).
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
