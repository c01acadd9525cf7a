import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContent } from '@/lib/content/load';
import { createPost, slugForTitle } from '@/scripts/new-post';
import { makeContentDir, siteFor } from '../helpers/content';

describe('npm run new', () => {
  it('slugs titles', () => {
    expect(slugForTitle('Hello, World!')).toBe('hello-world');
    expect(slugForTitle('Crème brûlée & Next.js 16')).toBe('creme-brulee-next-js-16');
  });

  it('creates a draft post that the loader accepts, dated today in the site time zone', async () => {
    const dir = makeContentDir({});
    const file = createPost('Ünïcode: "quotes" & colons', { contentRoot: dir, timeZone: 'Pacific/Kiritimati', now: new Date('2025-01-06T12:00:00Z') });
    expect(file).toBe(`${dir}/posts/unicode-quotes-colons.md`);
    const dev = siteFor(dir, { NODE_ENV: 'development' });
    const [entry] = await loadContent({ ...dev, timeZone: 'Pacific/Kiritimati' });
    expect(entry).toMatchObject({ title: 'Ünïcode: "quotes" & colons', draft: true, slug: 'unicode-quotes-colons' });
    expect(fs.readFileSync(file, 'utf8')).toContain('date: 2025-01-07');
  });

  it('refuses to overwrite an existing post or a title without a slug', () => {
    const dir = makeContentDir({ 'posts/taken/index.md': 'x' });
    expect(() => createPost('Taken', { contentRoot: dir, timeZone: 'UTC' })).toThrow(/already exists/);
    expect(() => createPost('日本語', { contentRoot: dir, timeZone: 'UTC' })).toThrow(/gives no URL slug/);
    expect(() => createPost('  ', { contentRoot: dir, timeZone: 'UTC' })).toThrow(/Give the post a title/);
  });
});
