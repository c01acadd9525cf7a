import { describe, expect, it } from 'vitest';
import { isListed, isPublic, publication } from '@/lib/content/publication';

const now = new Date('2026-01-01T00:00:00Z');
const past = new Date('2025-06-01T00:00:00Z');
const future = new Date('2026-01-01T00:00:01Z');
const production = { buildDate: now, isDevelopment: false };
const development = { buildDate: now, isDevelopment: true };

describe('publication rule', () => {
  it('lists a dated, non-draft post', () => {
    expect(publication({ draft: false, unlisted: false, date: past }, production)).toEqual({ visibility: 'listed' });
    expect(publication({ draft: false, unlisted: false, date: now }, production)).toEqual({ visibility: 'listed' });
  });

  it('leaves drafts and future posts out of production builds', () => {
    expect(publication({ draft: true, unlisted: false, date: past }, production).visibility).toBe('hidden');
    expect(publication({ draft: false, unlisted: false, date: future }, production).visibility).toBe('hidden');
    expect(publication({ draft: true, unlisted: true, date: past }, production).visibility).toBe('hidden');
  });

  it('shows drafts and future posts in development with a badge', () => {
    expect(publication({ draft: true, unlisted: false, date: past }, development)).toEqual({ visibility: 'listed', preview: 'draft' });
    expect(publication({ draft: false, unlisted: false, date: future }, development)).toEqual({ visibility: 'listed', preview: 'scheduled' });
  });

  it('builds unlisted entries but lists them nowhere', () => {
    const rule = publication({ draft: false, unlisted: true, date: past }, production);
    expect(rule.visibility).toBe('unlisted');
    expect(isPublic(rule)).toBe(true);
    expect(isListed(rule)).toBe(false);
  });
});
