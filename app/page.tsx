import type { Metadata } from 'next';
import { HomePage } from './_components/HomePage';
import { getSite } from '@/lib/site';
import { twinOfPagePath } from '@/lib/negotiate';
import { pageMetadata } from '@/lib/seo';

export const metadata: Metadata = pageMetadata(getSite(), { path: '/', markdownPath: twinOfPagePath('/') });

export default function Home() {
  return <HomePage page={1} path="/" />;
}
