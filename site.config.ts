// The site's settings. Validated by lib/site.ts; environment variables
// (SITE_URL, BASE_PATH, CONTENT_DIR, BUILD_DATE, SITEMAP_MAX_URLS) override the matching fields.
const siteConfig = {
  title: 'mdsite',
  description:
    'Markdown in, a static site out: feeds, sitemaps, llms.txt and Open Graph cards for any CDN, plus a server build for forms.',
  url: 'https://mdsite.example.com',
  language: 'en',
  timeZone: 'Europe/Berlin',
  author: { name: 'The mdsite authors', email: 'hello@mdsite.example.com' },
  postsPerPage: 10,
  // Machine-readable outputs (all optional; the defaults are shown).
  feeds: { items: 20 },
  aiCrawlers: { policy: 'allow' as const },
  security: { expiresInDays: 180 },
  // identity: { atprotoDid: 'did:plc:…', webfinger: { subject: 'acct:me@example.com', profile: 'https://…' } },
  // Content written for Hugo, Jekyll, Astro or Zola, or with fields of its own (see the README):
  // frontmatter: { preset: 'hugo', fields: { spoiler: z.string() }, rename: { pubDate: 'date' }, ignore: ['layout'] },
};

export default siteConfig;
