import type { Metadata } from 'next';
import { TagPage, tagPageMetadata } from '@/app/_components/TagPage';
import { getContent } from '@/lib/content';
import { isTagRegenerated } from '@/lib/incremental';
import { staticParams } from '@/lib/static-params';

type Props = { params: Promise<{ tag: string }> };

// No `dynamicParams = false`: the export writes the generated params only, and server mode also serves
// entries added after the build (404 for names that match none).

export async function generateStaticParams() {
  return staticParams('tag', (await getContent()).tags.map((t) => t.tag.slug).filter(isTagRegenerated));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return tagPageMetadata((await params).tag, 1);
}

export default async function Page({ params }: Props) {
  return <TagPage tagParam={(await params).tag} page={1} />;
}
