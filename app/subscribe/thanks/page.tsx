import type { Metadata } from 'next';
import { ThanksPage } from '@/app/_components/ThanksPage';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';
import { subscribeThanksPath } from '@/lib/paths';

export const metadata: Metadata = { ...pageMetadata(getSite(), { title: 'Subscribed', path: subscribeThanksPath() }), robots: { index: false } };

export default function SubscribeThanksPage() {
  return <ThanksPage text="You are on the list." />;
}
