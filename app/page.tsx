import type { Metadata } from 'next';
import { HomePage } from './_components/HomePage';
import { getSite } from '@/lib/site';
import { pageMetadata } from '@/lib/seo';
import { homePath, twinOfPagePath } from '@/lib/paths';

export const metadata: Metadata = pageMetadata(getSite(), { path: homePath(), markdownPath: twinOfPagePath(homePath()) });

export default function Home() {
  return <HomePage page={1} path={homePath()} />;
}
