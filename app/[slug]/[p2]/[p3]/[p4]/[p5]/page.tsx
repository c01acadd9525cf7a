import { entryRoute } from '@/app/_components/entry-route';

// Posts and standalone pages at paths of 5 segments, e.g. /blog/<year>/<month>/<day>/<slug>/
const route = entryRoute(5);
export const dynamicParams = false;
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
