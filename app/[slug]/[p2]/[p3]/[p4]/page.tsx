import { entryRoute } from '@/app/_components/entry-route';

// Posts and standalone pages at paths of 4 segments, e.g. /<a>/<year>/<month>/<slug>/
const route = entryRoute(4);
export const dynamicParams = false;
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
