import type { Metadata } from 'next';
import { HomePage } from './_components/HomePage';
import { getSite } from '@/lib/site';
import { pageMetadata } from '@/lib/seo';
import { homePath } from '@/lib/paths';

export const metadata: Metadata = pageMetadata(getSite(), { path: homePath() });

export default function Home() {
  return <HomePage page={1} />;
}
