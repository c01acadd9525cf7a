import type { Metadata } from 'next';
import { ThanksPage } from '@/app/_components/ThanksPage';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';

export const metadata: Metadata = { ...pageMetadata(getSite(), { title: 'Subscribed', path: '/subscribe/thanks/' }), robots: { index: false } };

export default function SubscribeThanksPage() {
  return <ThanksPage text="You are on the list." />;
}
