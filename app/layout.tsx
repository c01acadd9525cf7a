import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getContent } from '@/lib/content';
import { getSite } from '@/lib/site';
import { absoluteUrl, withBase } from '@/lib/urls';
import { ICONS } from '@/lib/outputs/manifest';
import { isServerMode } from '@/lib/build-mode';
import { SearchBox } from './_components/SearchBox';
import './globals.css';
import { archivePath, contactPath, homePath, ICON_PATHS, manifestPath, searchBundlePath, tagsPath } from '@/lib/paths';

export async function generateMetadata(): Promise<Metadata> {
  const site = getSite();
  return {
    metadataBase: new URL(absoluteUrl(site, homePath())),
    title: { template: `%s · ${site.title}`, default: site.title },
    description: site.description,
    authors: [{ name: site.author.name, ...(site.author.url ? { url: site.author.url } : {}) }],
    manifest: withBase(site, manifestPath()),
    icons: {
      icon: [{ url: withBase(site, ICON_PATHS.favicon), sizes: '32x32' }, ...ICONS.map((i) => ({ url: withBase(site, i.path), type: i.type, sizes: i.sizes }))],
      apple: withBase(site, ICON_PATHS.appleTouch),
    },
  };
}

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#111418' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { site, listedPages } = await getContent();
  return (
    <html lang={site.language}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href={homePath()} className="site-title">
            {site.title}
          </Link>
          <nav aria-label="Site">
            <ul>
              <li><Link href={archivePath()}>Archive</Link></li>
              <li><Link href={tagsPath()}>Tags</Link></li>
              {listedPages.map((page) => (
                <li key={page.slug}><Link href={page.path}>{page.title}</Link></li>
              ))}
              <li><Link href={contactPath()}>Contact</Link></li>
            </ul>
          </nav>
          {/* The search index is built from the export; the server build has none (see README). */}
          {!isServerMode() && <SearchBox bundleUrl={withBase(site, searchBundlePath())} archiveUrl={withBase(site, archivePath())} />}
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>
            © {site.buildDate.getUTCFullYear()} {site.author.name}
          </p>
        </footer>
      </body>
    </html>
  );
}
