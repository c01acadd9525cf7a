import { beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '@/lib/content';
import { postDetailSchema, postsIndexSchema, renderPostDetail, renderPostsIndex, renderTagsIndex, tagsIndexSchema } from '@/lib/outputs/api';
import { renderManifest } from '@/lib/outputs/manifest';
import { OUTPUTS, outputFiles } from '@/lib/outputs/registry';
import { matchRoute } from '@/lib/outputs/route';
import { hostileContent } from '../helpers/hostile-content';

let content: Content;
beforeAll(async () => {
  content = await hostileContent();
});

describe('JSON API', () => {
  it('posts.json lists listed posts only and matches its schema', () => {
    const index = postsIndexSchema.parse(JSON.parse(renderPostsIndex(content)));
    expect(index.posts.map((p) => p.slug)).toEqual(['xml-special', 'long-title', 'date-only', 'with-image']);
    expect(index.posts[2]).toMatchObject({ date: '2025-03-01', updated: null, markdownUrl: 'https://mdsite.example.com/blog/posts/date-only.md', image: null });
    expect(index.posts[3]).toMatchObject({ updated: '2025-02-10', image: 'https://mdsite.example.com/blog/posts/with-image/pic.png', readingMinutes: 1 });
  });

  it('posts/<slug>.json adds absolute HTML and markdown', () => {
    const post = content.posts.find((p) => p.slug === 'with-image')!;
    const detail = postDetailSchema.parse(JSON.parse(renderPostDetail(content, post)));
    expect(detail.html).toContain('src="https://mdsite.example.com/blog/posts/with-image/pic.png"');
    expect(detail.markdown).toContain('](https://mdsite.example.com/blog/posts/with-image/pic.png)');
  });

  it('tags.json counts listed posts and names the tag feeds', () => {
    const { tags } = tagsIndexSchema.parse(JSON.parse(renderTagsIndex(content)));
    const cjk = tags.find((t) => t.name === '日本語')!;
    expect(cjk.count).toBe(2); // the unlisted post with this tag does not count
    expect(cjk.feeds.rss).toBe('https://mdsite.example.com/blog/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/rss.xml');
  });

  it('the manifest names base-path icons', () => {
    const manifest = JSON.parse(renderManifest(content.site));
    expect(manifest).toMatchObject({ name: 'mdsite', start_url: '/blog/', scope: '/blog/' });
    expect(manifest.icons.map((i: { src: string }) => i.src)).toEqual(['/blog/icon.svg', '/blog/icon-192.png', '/blog/icon-512.png']);
  });

  it('cuts a long title to a short_name of whole characters', async () => {
    const { site } = await hostileContent({ title: 'Notes from 🚀 Mars, weekly' });
    const { short_name } = JSON.parse(renderManifest(site)) as { short_name: string };
    expect(short_name).toBe('Notes from 🚀');
    // A lone surrogate would make encodeURIComponent throw.
    expect(() => encodeURIComponent(short_name)).not.toThrow();
  });
});

describe('the output table', () => {
  it('emits each path once, and optional outputs only when configured', async () => {
    const paths = outputFiles(content).map(({ file }) => file.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(expect.arrayContaining(['/rss.xml', '/tags/日本語/atom.xml', '/posts/with-image.md', '/about.md', '/.well-known/security.txt', '/api/posts/date-only.json']));
    expect(paths).not.toContain('/.well-known/webfinger');
    expect(paths).not.toContain('/api/posts/unlisted.json');
    expect(paths).toContain('/posts/unlisted.md'); // reachable like its page, listed nowhere
    const configured = await hostileContent({ identity: { atprotoDid: 'did:plc:x', webfinger: { subject: 'acct:a@b.c', profile: 'https://b.c/' } } });
    expect(outputFiles(configured).map(({ file }) => file.path)).toEqual(expect.arrayContaining(['/.well-known/atproto-did', '/.well-known/webfinger']));
    for (const format of OUTPUTS) expect(format.mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+(; charset=utf-8|; profile="[^"]+")?$/);
  });

  it('route patterns match their files', () => {
    expect(matchRoute('/tags/[tag]/rss.xml', '/tags/web/rss.xml')).toEqual({ tag: 'web' });
    expect(matchRoute('/tags/[tag]/rss.xml', '/tags/web/atom.xml')).toBeUndefined();
    expect(matchRoute('/api/posts/[file]', '/api/posts/a.json')).toEqual({ file: 'a.json' });
    expect(matchRoute('/rss.xml', '/rss.xml')).toEqual({});
    expect(matchRoute('/.well-known/[file]', '/.well-known/security.txt')).toEqual({ file: 'security.txt' });
    expect(matchRoute('/tags/[...file]', '/tags/web.md')).toEqual({ file: ['web.md'] });
    expect(matchRoute('/tags/[...file]', '/tags')).toBeUndefined();
  });
});
