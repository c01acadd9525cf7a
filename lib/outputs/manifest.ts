import type { Site } from '../site';
import { homePath, ICON_PATHS } from '../paths';
import { withBase } from '../urls';

/** The icon files in public/ that the manifest and the page head name. */
export const ICONS = [
  { path: ICON_PATHS.svg, type: 'image/svg+xml', sizes: 'any' },
  { path: ICON_PATHS.png192, type: 'image/png', sizes: '192x192' },
  { path: ICON_PATHS.png512, type: 'image/png', sizes: '512x512' },
] as const;

/** The first 12 characters of the title, whole ones: an emoji or accented letter is never cut in two. */
const shortName = (title: string) =>
  [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(title)].slice(0, 12).map((s) => s.segment).join('').trim();

/** /manifest.webmanifest (W3C Web App Manifest). */
export function renderManifest(site: Site): string {
  return JSON.stringify(
    {
      name: site.title,
      short_name: shortName(site.title),
      description: site.description,
      lang: site.language,
      start_url: withBase(site, homePath()),
      scope: withBase(site, homePath()),
      display: 'minimal-ui',
      background_color: '#ffffff',
      theme_color: '#ffffff',
      icons: ICONS.map((icon) => ({ src: withBase(site, icon.path), type: icon.type, sizes: icon.sizes })),
    },
    null,
    2,
  );
}
