import { entryRoute } from '@/app/_components/entry-route';
import { DYNAMIC_PARAMS_FOR_MODE } from '@/lib/build-mode';

// A standalone page from content/pages: /<slug>/.
const route = entryRoute('page');
export const dynamicParams = DYNAMIC_PARAMS_FOR_MODE;
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
