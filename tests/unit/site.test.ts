import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rawConfig from '@/site.config';
import { ConfigError, resolveSite } from '@/lib/site';
import { absoluteUrl, slugify, withBase } from '@/lib/urls';

describe('site config', () => {
  it('applies environment overrides', () => {
    const site = resolveSite(rawConfig, { SITE_URL: 'https://blog.example.org/', BASE_PATH: '/docs/', CONTENT_DIR: 'x', BUILD_DATE: '2025-05-05T05:05:05Z' });
    expect(site.url).toBe('https://blog.example.org');
    expect(site.basePath).toBe('/docs');
    expect(site.contentRoot).toBe(path.resolve('x'));
    expect(site.buildDate.toISOString()).toBe('2025-05-05T05:05:05.000Z');
  });

  it('names the field and what to do', () => {
    expect(() => resolveSite({ ...rawConfig, timeZone: 'Mars/Olympus' }, {})).toThrow(/timeZone: must be an IANA time zone/);
    expect(() => resolveSite(rawConfig, { SITE_URL: 'https://example.com/blog' })).toThrow(/url: must be an origin without a path; put a sub-path in BASE_PATH/);
    expect(() => resolveSite(rawConfig, { BASE_PATH: 'blog' })).toThrow(/Invalid BASE_PATH "blog": must be empty or start with "\/"/);
    expect(() => resolveSite({ ...rawConfig, titel: 'x' }, {})).toThrow(/titel: unknown field. Did you mean "title"\?/);
    expect(() => resolveSite(rawConfig, { SITE_URL: 'example.com' })).toThrow(ConfigError);
    expect(() => resolveSite(rawConfig, { SITE_URL: 'example.com' })).toThrow(/url: must be an absolute http\(s\) URL/);
    const withoutTimeZone: Record<string, unknown> = { ...rawConfig };
    delete withoutTimeZone.timeZone;
    expect(() => resolveSite(withoutTimeZone, {})).toThrow(/timeZone: is required \(a string\); add it to site.config.ts/);
    expect(() => resolveSite(rawConfig, { BUILD_DATE: 'soon' })).toThrow(/Invalid BUILD_DATE "soon"/);
  });
});

describe('urls', () => {
  it('slugs tags the GitHub way', () => {
    expect(slugify('Web Dev')).toBe('web-dev');
    expect(slugify('Next.js 16')).toBe('nextjs-16');
    expect(slugify('Ünïcode Tag')).toBe('ünïcode-tag');
  });

  it('puts the base path in front of site paths and the origin in front of absolute URLs', () => {
    const site = { url: 'https://example.com', basePath: '/blog' };
    expect(withBase(site, '/posts/a/')).toBe('/blog/posts/a/');
    expect(absoluteUrl(site, '/posts/a/')).toBe('https://example.com/blog/posts/a/');
    expect(absoluteUrl({ url: 'https://example.com', basePath: '' }, '/')).toBe('https://example.com/');
  });
});
