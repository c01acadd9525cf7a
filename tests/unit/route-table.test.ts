import { describe, expect, it } from 'vitest';
import { dynamicRoutes } from '@/scripts/route-table';

// A route table as next build prints it, with one dynamic route among static and SSG ones.
const table = `Route (app)
┌ ○ /
├ ○ /_not-found
├ ƒ /api/contact
├   /posts/[slug]
│ └ ● /posts/a
└ ƒ /search


○  (Static)  prerendered as static content
●  (SSG)     prerendered as static HTML (uses generateStaticParams)
ƒ  (Dynamic)  server-rendered on demand`;

describe('dynamicRoutes', () => {
  it('lists the routes next build marks ƒ, ignoring the legend', () => {
    expect(dynamicRoutes(table)).toEqual(['/api/contact', '/search']);
  });
  it('finds none in an all-static table', () => {
    expect(dynamicRoutes('Route (app)\n┌ ○ /\n└ ● /posts/a\n\n○  (Static)  prerendered as static content')).toEqual([]);
  });
});
