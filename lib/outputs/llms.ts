import type { Content, Entry } from '../content';
import { calendarDay, type ContentDate } from '../dates';
import type { Site } from '../site';
import { absoluteUrl } from '../urls';
import { absoluteMarkdown } from './absolute-links';
import { oneLine, xmlSafe } from './text';
import { feedPath, llmsFullPath, twinPath, archivePath, tagsPath } from '../paths';

// llms.txt in the llmstxt.org shape. The reference parser reads each section line with
// `- [name](url): notes`, stops a name at the first "]" and treats any other line as an error,
// so names are kept free of brackets and notes on one line.

const linkName = (text: string) => oneLine(text).replace(/\[/g, '(').replace(/\]/g, ')');
const linkLine = (name: string, url: string, notes?: string) =>
  `- [${linkName(name)}](${url})${notes ? `: ${oneLine(notes)}` : ''}`;

/** The AI-crawler sentence shared by llms.txt (robots.txt states the same policy as rules). */
export function aiPolicySentence(site: Site): string {
  return site.aiCrawlers.policy === 'allow'
    ? 'AI crawlers and language models may read and use this content; robots.txt allows them.'
    : `The owner asks AI crawlers not to collect this content for training; robots.txt disallows ${site.aiCrawlers.agents.join(', ')}.`;
}

export function renderLlmsTxt(content: Content): string {
  const { site } = content;
  const url = (p: string) => absoluteUrl(site, p);
  const entryLine = (e: Entry) => linkLine(e.title, url(twinPath(e)), e.description);
  const sections = [
    ['Posts', content.listedPosts.map(entryLine)],
    ['Pages', content.listedPages.map(entryLine)],
    [
      'Optional',
      [
        linkLine('Full text', url(llmsFullPath()), 'every post and page listed above, as markdown in one file'),
        linkLine('RSS feed', url(feedPath('rss')), `the newest ${site.feeds.items} posts`),
        linkLine('Archive', url(archivePath()), 'every post by year'),
        linkLine('Tags', url(tagsPath()), 'posts grouped by topic'),
      ],
    ],
  ] as const;
  return [
    `# ${oneLine(site.title)}`,
    '',
    `> ${oneLine(site.description)}`,
    '',
    `Each post and page is also published as markdown at its URL with ".md" appended; the links below point there. ${aiPolicySentence(site)}`,
    ...sections.filter(([, lines]) => lines.length).flatMap(([name, lines]) => ['', `## ${name}`, '', ...lines]),
    '',
  ].join('\n');
}

/** The header lines of one entry in a markdown twin or llms-full.txt. */
function entryHeader(entry: Entry, site: Site, level: '#' | '##'): string[] {
  const day = (d: ContentDate) => calendarDay(d.instant, site.timeZone);
  return [
    `${level} ${oneLine(entry.title)}`,
    '',
    `URL: ${entry.canonical ?? absoluteUrl(site, entry.path)}`,
    ...(entry.kind === 'post' ? [`Published: ${day(entry.date)}`] : []),
    ...(entry.updated ? [`Updated: ${day(entry.updated)}`] : []),
    ...(entry.kind === 'post' && entry.tags.length ? [`Tags: ${entry.tags.map((t) => oneLine(t.name)).join(', ')}`] : []),
    ...declaredFieldLines(entry),
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

const body = (entry: Entry, content: Content) => xmlSafe(absoluteMarkdown(content, entry)).trim();

/** The markdown twin of a post or page: a title line, its canonical URL, and the source body. */
export function renderMarkdownTwin(content: Content, entry: Entry): string {
  return [...entryHeader(entry, content.site, '#'), '', body(entry, content), ''].join('\n');
}

/** Every listed post and page as markdown in one file. */
export function renderLlmsFullTxt(content: Content): string {
  const { site } = content;
  const entries = [...content.listedPosts, ...content.listedPages];
  return [
    `# ${oneLine(site.title)}`,
    '',
    `> ${oneLine(site.description)}`,
    '',
    aiPolicySentence(site),
    ...entries.flatMap((entry) => ['', '---', '', ...entryHeader(entry, site, '#'), '', body(entry, content)]),
    '',
  ].join('\n');
}
