import { entryRoute } from '@/app/_components/entry-route';

// Posts and standalone pages at paths of 1 segment, e.g. /<slug>/
const route = entryRoute(1);
export const dynamicParams = false;
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
