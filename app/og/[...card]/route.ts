import { getContent } from '@/lib/content';
import { cardParams, cardResponse } from '@/lib/og/serve';
import { DYNAMIC_PARAMS_FOR_MODE } from '@/lib/build-mode';

// Open Graph cards: /og/site.png and /og/posts/<slug>.png (the param carries the extension, so the
// export writes real .png files).
export const dynamic = 'force-static';
export const dynamicParams = DYNAMIC_PARAMS_FOR_MODE;

export async function generateStaticParams() {
  return cardParams(await getContent());
}

export async function GET(_request: Request, { params }: { params: Promise<{ card: string[] }> }) {
  return cardResponse(await getContent(), (await params).card);
}
