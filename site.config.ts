// The site's settings. Validated by lib/site.ts; environment variables
// (SITE_URL, BASE_PATH, CONTENT_DIR, BUILD_DATE) override the matching fields.
const siteConfig = {
  title: 'mdsite',
  description:
    'Markdown in, a static site out: feeds, sitemaps, llms.txt and Open Graph cards for any CDN, plus a server build for forms.',
  url: 'https://mdsite.example.com',
  language: 'en',
  timeZone: 'Europe/Berlin',
  author: { name: 'The mdsite authors', email: 'hello@mdsite.example.com' },
  postsPerPage: 10,
};

export default siteConfig;
