import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '@/lib/content/load';
import type { Entry } from '@/lib/content/model';
import { imageDimensions } from '@/lib/content/rehype-image-dimensions';
import { makeContentDir, md, siteFor } from '../helpers/content';

// Images of the site's own get their width and height in the HTML (no layout shift while they load).

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3366cc' } }).png().toBuffer();
/** A JPEG stored 40×20 whose EXIF orientation 6 tells viewers to turn it a quarter: shown 20×40. */
const turnedJpeg = () => sharp({ create: { width: 40, height: 20, channels: 3, background: '#cc6633' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();

const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-public-'));
let contentDir: string;
const html = (entries: Entry[], slug: string) => entries.find((e) => e.slug === slug)!.html;
const imgTags = (text: string) => text.match(/<img [^>]*>/g) ?? [];

beforeAll(async () => {
  fs.mkdirSync(path.join(publicDir, 'images'));
  fs.writeFileSync(path.join(publicDir, 'images', 'logo.png'), await png(64, 32));
  contentDir = makeContentDir({
    'posts/pictures/index.md': md(
      'title: Pictures\ndate: 2025-01-01',
      [
        '![Beside the post](pic.png)',
        '![From public](/images/logo.png)',
        '![Turned by EXIF](turned.jpg)',
        '![Elsewhere](https://example.com/remote.png)',
        '<img src="pic.png" alt="Sized by the author" width="100">',
      ].join('\n\n'),
    ),
    'posts/pictures/pic.png': await png(30, 20),
    'posts/pictures/turned.jpg': await turnedJpeg(),
    'posts/other.md': md('title: Other\ndate: 2025-01-02', '![The neighbour’s picture](./pictures/pic.png)'),
  });
});

afterAll(() => {
  fs.rmSync(publicDir, { recursive: true, force: true });
  fs.rmSync(contentDir, { recursive: true, force: true });
});

describe('image dimensions', () => {
  it('sets width and height for co-located and public/ images, turned by EXIF orientation', async () => {
    const entries = await loadContent(siteFor(contentDir), { publicDir });
    const [beside, fromPublic, turned, remote, authored] = imgTags(html(entries, 'pictures'));
    expect(beside).toMatch(/src="\/posts\/pictures\/pic\.png"[^>]* width="30" height="20"/);
    expect(fromPublic).toMatch(/src="\/images\/logo\.png"[^>]* width="64" height="32"/);
    expect(turned).toMatch(/ width="20" height="40"/);
    // A remote picture is not fetched; the author's own width stands alone.
    expect(remote).not.toMatch(/width|height/);
    expect(authored).toMatch(/ width="100"/);
    expect(authored).not.toMatch(/height/);
    // Another post's picture, by its content path.
    expect(imgTags(html(entries, 'other'))[0]).toMatch(/ width="30" height="20"/);
  });

  it('follows a picture replaced under the same name (the rendering is keyed by the file)', async () => {
    const file = path.join(contentDir, 'posts/pictures/pic.png');
    const before = await loadContent(siteFor(contentDir), { publicDir });
    expect(imgTags(html(before, 'pictures'))[0]).toMatch(/ width="30" height="20"/);
    fs.writeFileSync(file, await png(50, 10));
    const after = await loadContent(siteFor(contentDir), { publicDir });
    expect(imgTags(html(after, 'pictures'))[0]).toMatch(/ width="50" height="10"/);

    fs.writeFileSync(path.join(publicDir, 'images', 'logo.png'), await png(16, 16));
    const logo = await loadContent(siteFor(contentDir), { publicDir });
    expect(imgTags(html(logo, 'pictures'))[1]).toMatch(/ width="16" height="16"/);
  });

  it('reads nothing it cannot size', () => {
    const notAnImage = path.join(publicDir, 'notes.txt');
    fs.writeFileSync(notAnImage, 'plain text');
    expect(imageDimensions(notAnImage)).toBeUndefined();
    expect(imageDimensions(path.join(publicDir, 'missing.png'))).toBeUndefined();
  });
});
