import type { Metadata } from 'next';
import { ThanksPage } from '@/app/_components/ThanksPage';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';
import { contactThanksPath } from '@/lib/paths';

export const metadata: Metadata = { ...pageMetadata(getSite(), { title: 'Message sent', path: contactThanksPath() }), robots: { index: false } };

export default function ContactThanksPage() {
  return <ThanksPage text="Your message has been sent." />;
}
