import type { Metadata } from 'next';
import { ThanksPage } from '@/app/_components/ThanksPage';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';

export const metadata: Metadata = { ...pageMetadata(getSite(), { title: 'Message sent', path: '/contact/thanks/' }), robots: { index: false } };

export default function ContactThanksPage() {
  return <ThanksPage text="Your message has been sent." />;
}
