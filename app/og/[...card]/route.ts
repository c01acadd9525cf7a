import { getContent } from '@/lib/content';
import { cardParams, cardResponse } from '@/lib/og/serve';

// Open Graph cards: /og/site.png and /og/posts/<slug>.png (the param carries the extension, so the
// export writes real .png files).
export const dynamic = 'force-static';
// No `dynamicParams = false`: the export writes the generated params only, and server mode also serves
// entries added after the build (404 for names that match none).

export async function generateStaticParams() {
  return cardParams(await getContent());
}

export async function GET(_request: Request, { params }: { params: Promise<{ card: string[] }> }) {
  return cardResponse(await getContent(), (await params).card);
}
