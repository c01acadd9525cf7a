import { entryRoute } from '@/app/_components/entry-route';

// Posts and standalone pages at paths of 3 segments, e.g. /<year>/<month>/<slug>/
const route = entryRoute(3);
export const dynamicParams = false;
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
