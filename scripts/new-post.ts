// npm run new -- "A title": creates content/posts/<slug>.md with valid frontmatter, as a draft.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { calendarDay } from '@/lib/dates';
import { getSite } from '@/lib/site';

/** A URL slug for a title: "Hello, World!" → "hello-world". */
export function slugForTitle(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Writes the new post and returns its path; refuses to overwrite a post with the same slug. */
export function createPost(title: string, options: { contentRoot: string; timeZone: string; now?: Date }): string {
  const clean = title.trim();
  if (!clean) throw new Error('Give the post a title: npm run new -- "My first post"');
  const slug = slugForTitle(clean);
  if (!slug) throw new Error(`"${clean}" gives no URL slug (it needs some letters or digits in a-z, 0-9): choose another title`);
  const posts = path.join(options.contentRoot, 'posts');
  const file = path.join(posts, `${slug}.md`);
  for (const existing of [file, path.join(posts, slug)]) {
    if (fs.existsSync(existing)) throw new Error(`${path.relative(process.cwd(), existing)} already exists: choose another title or edit that post`);
  }
  const frontmatter = stringify({ title: clean, date: calendarDay(options.now ?? new Date(), options.timeZone), tags: [], draft: true });
  fs.mkdirSync(posts, { recursive: true });
  fs.writeFileSync(file, `---\n${frontmatter}---\n\nWrite the first paragraph here; it becomes the description unless you set one.\n`, { flag: 'wx' });
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const site = getSite();
    const file = createPost(process.argv.slice(2).join(' '), { contentRoot: site.contentRoot, timeZone: site.timeZone });
    console.log(`Created ${path.relative(process.cwd(), file)} (a draft: it shows in npm run dev; remove "draft: true" to publish).`);
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
