import { entryRoute } from '@/app/_components/entry-route';

// Posts and standalone pages at paths of 2 segments, e.g. /posts/<slug>/
const route = entryRoute(2);
export const dynamicParams = false;
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
