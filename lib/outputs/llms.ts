import { perContent, postsByYear, type Content, type Entry } from '../content';
import { calendarDay, type ContentDate } from '../dates';
import type { Site } from '../site';
import { absoluteUrl } from '../urls';
import { apiCatalogPath, archivePath, feedPath, llmsFullPath, llmsFullPartPath, llmsPath, llmsSectionPath, sitemapPath, tagPath, tagsPath, twinOfPagePath, twinPath } from '../paths';
import { contentSignals } from './robots';
import { oneLine, postCount, xmlSafe } from './text';

// llms.txt in the llmstxt.org shape. The reference parser reads each section line with
// `- [name](url): notes`, stops a name at the first "]" and treats any other line as an error,
// so names are kept free of brackets and notes on one line.
//
// Agents read llms.txt whole, and the Agent-Friendly Documentation Spec asks for less than 50,000
// characters. Past that, llms.txt becomes an index of section files (posts per year, pages, list
// pages), each under the limit, and llms-full.txt an index of parts the same way.

/** Largest llms file, in characters (UTF-16 code units, as agents' tools count them). */
export const LLMS_MAX_CHARS = 50_000;

export interface LlmsFile {
  /** Site path, e.g. `/llms.txt` or `/llms/posts-2024.txt`. */
  path: string;
  body(): string;
}

const linkName = (text: string) => oneLine(text).replace(/\[/g, '(').replace(/\]/g, ')');
/** Parentheses percent-encoded: llms.txt readers take the link's URL up to the first ")". */
const linkTarget = (url: string) => url.replace(/\(/g, '%28').replace(/\)/g, '%29');
export const linkLine = (name: string, url: string, notes?: string) =>
  `- [${linkName(name)}](${linkTarget(url)})${notes ? `: ${oneLine(notes)}` : ''}`;

/** The content-use sentence of llms.txt: the policy robots.txt writes as rules and Content-Signal lines. */
export function aiPolicySentence(site: Site): string {
  const signals = contentSignals(site);
  if (signals['ai-train']) return 'AI crawlers and language models may read and use this content, for answers and for training; robots.txt allows them (Content-Signal: ai-input=yes, ai-train=yes).';
  if (signals['ai-input']) return 'Language models may read this content to answer questions, but the owner does not allow training on it; robots.txt disallows the training crawlers (Content-Signal: ai-input=yes, ai-train=no).';
  return `The owner asks AI crawlers not to collect this content, for answers or for training; robots.txt disallows ${site.aiCrawlers.agents.join(', ')} (Content-Signal: ai-input=no, ai-train=no).`;
}

/** One `## name` block of link lines, with the key its section file is named after when split. */
interface Section {
  key: string;
  name: string;
  lines: string[];
}

const header = (site: Site, subtitle?: string) => [
  `# ${oneLine(site.title)}${subtitle ? `: ${oneLine(subtitle)}` : ''}`,
  '',
  `> ${oneLine(site.description)}`,
  '',
];

const PROSE = 'Every page of this site is also published as markdown: request its URL with "Accept: text/markdown", or add ".md" to it (/posts/a/ is /posts/a.md; the home page is /index.md). The links below point at the markdown.';

function forAgents(content: Content): Section {
  const { site } = content;
  const url = (p: string) => absoluteUrl(site, p);
  return {
    key: 'agents',
    name: 'For agents',
    lines: [
      linkLine('Home page as markdown', url(twinOfPagePath('/')), 'any page URL with "Accept: text/markdown", or with ".md" added, answers as markdown'),
      linkLine('RSS feed', url(feedPath('rss')), `the newest ${site.feeds.items} posts; also ${url(feedPath('atom'))} (Atom) and ${url(feedPath('json'))} (JSON Feed), and per tag at /tags/<tag>/rss.xml`),
      linkLine('API catalog', url(apiCatalogPath()), 'every machine-readable file and API of the site (RFC 9727 linkset)'),
      linkLine('Sitemap', url(sitemapPath()), 'every page URL with its last change'),
    ],
  };
}

function contentSections(content: Content): Section[] {
  const { site } = content;
  const url = (p: string) => absoluteUrl(site, p);
  const entryLine = (e: Entry) => linkLine(e.title, url(twinPath(e)), e.description);
  const lists = [
    linkLine('Home', url(twinOfPagePath('/')), 'the newest posts'),
    linkLine('Archive', url(twinOfPagePath(archivePath())), 'every post by year'),
    ...postsByYear(content).map(({ year, posts }) => linkLine(`Archive: ${year}`, url(twinOfPagePath(archivePath(year))), postCount(posts.length))),
    linkLine('Tags', url(twinOfPagePath(tagsPath())), 'every tag with its number of posts'),
    ...content.tags.map(({ tag, posts }) => linkLine(`Posts tagged ${tag.name}`, url(twinOfPagePath(tagPath(tag.slug))), postCount(posts.length))),
  ];
  return [
    ...postsByYear(content).map(({ year, posts }) => ({ key: `posts-${year}`, name: `Posts from ${year}`, lines: posts.map(entryLine) })),
    { key: 'pages', name: 'Pages', lines: content.listedPages.map(entryLine) },
    { key: 'lists', name: 'Lists', lines: lists },
  ].filter((s) => s.lines.length);
}

const block = (section: Pick<Section, 'name' | 'lines'>) => ['', `## ${section.name}`, '', ...section.lines];
const join = (lines: string[]) => [...lines, ''].join('\n');

/**
 * Splits `items` (each a block of text) into runs whose joined length plus `overhead` stays under
 * the limit. An item longer than the limit on its own gets a part to itself.
 */
function chunk<T>(items: T[], size: (item: T) => number, overhead: number): T[][] {
  const parts: T[][] = [];
  let current: T[] = [];
  let length = overhead;
  for (const item of items) {
    const n = size(item);
    if (current.length && length + n >= LLMS_MAX_CHARS) {
      parts.push(current);
      current = [];
      length = overhead;
    }
    current.push(item);
    length += n;
  }
  if (current.length) parts.push(current);
  return parts;
}

/** `posts-2024`, then `posts-2024-2`, … for a section that needs several files. */
const partKey = (key: string, index: number) => (index === 0 ? key : `${key}-${index + 1}`);
const partName = (name: string, index: number, count: number) => (count > 1 ? `${name}, part ${index + 1} of ${count}` : name);

/**
 * The document as one file when it is under the limit. Its own function, so the text is held by
 * this closure only: in the caller's scope it would be shared with the part files' closures, and a
 * split site would keep the whole text (28 MB at 10,000 posts) for as long as the content lives.
 */
function wholeIfShort(path: string, text: string): LlmsFile[] | undefined {
  return text.length < LLMS_MAX_CHARS ? [{ path, body: () => text }] : undefined;
}

/** llms.txt and, past the limit, its section files. */
export const llmsFiles = perContent((content: Content): LlmsFile[] => {
  const { site } = content;
  const intro = [...header(site), `${PROSE} ${aiPolicySentence(site)}`];
  const optional = { name: 'Optional', lines: [linkLine('Full text', absoluteUrl(site, llmsFullPath()), 'every post and page listed here, as markdown')] };
  const sections = contentSections(content);
  const whole = wholeIfShort(llmsPath(), join([...intro, ...block(forAgents(content)), ...sections.flatMap(block), ...block(optional)]));
  if (whole) return whole;

  const files: LlmsFile[] = [];
  const index: string[] = [];
  for (const section of sections) {
    const overhead = join([...header(site, section.name), ...block({ name: section.name, lines: [] })]).length + 40;
    const parts = chunk(section.lines, (line) => line.length + 1, overhead);
    parts.forEach((lines, i) => {
      const name = partName(section.name, i, parts.length);
      const path = llmsSectionPath(partKey(section.key, i));
      files.push({ path, body: () => join([...header(site, name), ...block({ name, lines })]) });
      index.push(linkLine(name, absoluteUrl(site, path), `${lines.length} link${lines.length === 1 ? '' : 's'}`));
    });
  }
  const text = join([...intro, ...block(forAgents(content)), ...block({ name: 'Sections', lines: index }), ...block(optional)]);
  return [{ path: llmsPath(), body: () => text }, ...files];
});

/** The header lines of one entry in a markdown twin or llms-full.txt. */
function entryHeader(entry: Entry, site: Site, pointers: boolean): string[] {
  const day = (d: ContentDate) => calendarDay(d.instant, site.timeZone);
  return [
    `# ${oneLine(entry.title)}`,
    '',
    `URL: ${entry.canonical ?? absoluteUrl(site, entry.path)}`,
    ...(entry.kind === 'post' ? [`Published: ${day(entry.date)}`] : []),
    ...(entry.updated ? [`Updated: ${day(entry.updated)}`] : []),
    ...(entry.kind === 'post' && entry.tags.length ? [`Tags: ${entry.tags.map((t) => oneLine(t.name)).join(', ')}`] : []),
    ...declaredFieldLines(entry),
    ...(pointers ? [`Markdown: ${absoluteUrl(site, twinPath(entry))}`, `Site index for language models: ${absoluteUrl(site, llmsPath())}`] : []),
  ];
}

/** `spoiler: …` for each declared frontmatter field the entry sets, as written in the config. */
function declaredFieldLines(entry: Entry): string[] {
  return Object.entries(entry.fields as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => {
      const text = Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : String(value instanceof Date ? value.toISOString() : value);
      return `${key}: ${oneLine(text)}`;
    });
}

const body = (entry: Entry) => xmlSafe(entry.absoluteMarkdown).trim();

/** The markdown twin of a post or page: a title line, its canonical URL, and the source body. */
export function renderMarkdownTwin(content: Content, entry: Entry): string {
  return [...entryHeader(entry, content.site, true), '', body(entry), ''].join('\n');
}

const entryBlock = (entry: Entry, content: Content) => ['', '---', '', ...entryHeader(entry, content.site, false), '', body(entry)].join('\n');

/** llms-full.txt (every listed post and page as markdown) and, past the limit, its parts. */
export const llmsFullFiles = perContent((content: Content): LlmsFile[] => {
  const { site } = content;
  const intro = [...header(site), aiPolicySentence(site)];
  const groups = [
    ...postsByYear(content).map(({ year, posts }) => ({ key: `posts-${year}`, name: `Posts from ${year}`, entries: posts })),
    { key: 'pages', name: 'Pages', entries: content.listedPages },
  ].filter((g) => g.entries.length);
  const blocks = new Map(groups.flatMap((g) => g.entries).map((e) => [e, entryBlock(e, content)]));
  const whole = wholeIfShort(llmsFullPath(), join([...intro, ...blocks.values()]));
  if (whole) return whole;
  // Each part's text is made when it is written, so a large site keeps only the lengths (the
  // part closures below must not refer to `blocks`, or V8 keeps it for them).
  const lengths = new Map([...blocks].map(([e, text]) => [e, text.length]));

  const files: LlmsFile[] = [];
  const index: string[] = [];
  for (const group of groups) {
    const overhead = join([...header(site, group.name), '', ' part 99 of 99']).length;
    const parts = chunk(group.entries, (e) => lengths.get(e)! + 1, overhead);
    parts.forEach((entries, i) => {
      const name = partName(group.name, i, parts.length);
      const path = llmsFullPartPath(partKey(group.key, i));
      files.push({ path, body: () => join([...header(site, name), ...entries.map((e) => entryBlock(e, content))]) });
      index.push(linkLine(name, absoluteUrl(site, path), `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} as markdown`));
    });
  }
  const text = join([...intro, `The full text is split into parts of under ${LLMS_MAX_CHARS.toLocaleString('en')} characters each.`, ...block({ name: 'Parts', lines: index })]);
  return [{ path: llmsFullPath(), body: () => text }, ...files];
});

/** llms.txt as one document (the index when split). */
export const renderLlmsTxt = (content: Content) => llmsFiles(content)[0]!.body();
/** llms-full.txt as one document (the index when split). */
export const renderLlmsFullTxt = (content: Content) => llmsFullFiles(content)[0]!.body();
