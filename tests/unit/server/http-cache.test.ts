import { describe, expect, it } from 'vitest';
import { cacheControl, isNotModified } from '@/lib/server/http-cache';

describe('HTTP caching of pages and files in server mode', () => {
  it('lets caches keep an answer briefly, then serve it stale while they ask again', () => {
    expect(cacheControl({ maxAgeSeconds: 60, staleWhileRevalidateSeconds: 86_400 })).toBe('public, max-age=60, stale-while-revalidate=86400');
  });

  it('answers If-None-Match as RFC 9110 says: lists, weak tags and * match; another tag does not', () => {
    const ask = (value: string, extra: Record<string, string> = {}) => isNotModified(new Headers({ 'If-None-Match': value, ...extra }), '"abc"');
    expect(ask('"abc"')).toBe(true);
    expect(ask('"x", "abc"')).toBe(true);
    expect(ask('W/"abc"')).toBe(true);
    expect(ask('*')).toBe(true);
    expect(ask('"abd"')).toBe(false);
    expect(isNotModified(new Headers(), '"abc"')).toBe(false);
    // fetch() adds Cache-Control: no-cache to every conditional request; the condition still holds.
    expect(ask('"abc"', { 'Cache-Control': 'no-cache', Pragma: 'no-cache' })).toBe(true);
  });
});
