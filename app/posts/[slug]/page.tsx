import { entryRoute } from '@/app/_components/entry-route';
import { DYNAMIC_PARAMS_FOR_MODE } from '@/lib/build-mode';

// A post: /posts/<slug>/.
const route = entryRoute('post');
export const dynamicParams = DYNAMIC_PARAMS_FOR_MODE;
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
