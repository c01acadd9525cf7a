import { entryRoute } from '@/app/_components/entry-route';

// A post: /posts/<slug>/.
const route = entryRoute('post');
export const dynamicParams = false;
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
