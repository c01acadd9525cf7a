import { entryRoute } from '@/app/_components/entry-route';

// A standalone page from content/pages: /<slug>/.
const route = entryRoute('page');
export const dynamicParams = false;
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
