import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import robotsParser from 'robots-parser';
import { validateXML } from 'xmllint-wasm';
import { absoluteUrl } from '@/lib/urls';
import { isAbsoluteUrl, type CheckContext } from './context';
import { RFC_3339, parseXml } from './feeds';
import { homePath, sitemapPath } from '@/lib/paths';
import { contentSignalLine, disallowedAgents } from '@/lib/outputs/robots';

const require = createRequire(import.meta.url);
const SITEMAP_XSD = fs.readFileSync(path.join(path.dirname(require.resolve('sitemap/package.json')), 'schema/sitemap.xsd'), 'utf8');
const SITEINDEX_XSD = fs.readFileSync(path.join(import.meta.dirname, 'siteindex.xsd'), 'utf8');

async function validateAgainstXsd(ctx: CheckContext, file: string, body: string, index: boolean) {
  const result = await validateXML({
    xml: { fileName: path.basename(file), contents: body },
    schema: { fileName: index ? 'siteindex.xsd' : 'sitemap.xsd', contents: index ? SITEINDEX_XSD : SITEMAP_XSD },
  });
  for (const error of result.errors) ctx.report(file, `sitemaps.org XSD: ${error.message}${error.loc ? ` (line ${error.loc.lineNumber})` : ''}`);
}

/**
 * The sitemap (or index and chunks) validates against the sitemaps.org XSD; each <loc> is an
 * HTML page in the export whose canonical is that same URL. Returns every listed URL.
 */
export async function checkSitemap(ctx: CheckContext, file: string): Promise<string[]> {
  const body = ctx.read(file);
  const doc = parseXml(ctx, file, body);
  if (!doc) return [];
  const index = 'sitemapindex' in doc;
  await validateAgainstXsd(ctx, file, body, index);
  const urlsets: { file: string; doc: Record<string, unknown> }[] = [];
  if (index) {
    const sitemaps = [(doc.sitemapindex as { sitemap?: unknown }).sitemap ?? []].flat() as { loc: string }[];
    for (const { loc } of sitemaps) {
      const target = ctx.resolve(loc, ctx.urlOf(file));
      if (target.external || !target.file) {
        ctx.report(file, `sitemap ${loc} is ${target.external ? 'on another host' : 'missing from the export'}`);
        continue;
      }
      const chunk = ctx.read(target.file);
      const chunkDoc = parseXml(ctx, target.file, chunk);
      await validateAgainstXsd(ctx, target.file, chunk, false);
      if (chunkDoc) urlsets.push({ file: target.file, doc: chunkDoc });
    }
  } else {
    urlsets.push({ file, doc });
  }

  const listed: string[] = [];
  for (const set of urlsets) {
    const urls = [(set.doc.urlset as { url?: unknown })?.url ?? []].flat() as { loc: string; lastmod?: string }[];
    if (urls.length > 50_000) ctx.report(set.file, `lists ${urls.length} URLs; sitemaps.org allows 50,000 per file`);
    const bytes = Buffer.byteLength(set.file === file ? body : ctx.read(set.file));
    if (bytes > 50 * 2 ** 20) ctx.report(set.file, `is ${bytes} bytes; sitemaps.org allows 50 MB per file`);
    // A sitemap may list only URLs below its own folder (sitemaps.org, "Sitemap file location").
    const folder = new URL('.', ctx.urlOf(set.file)).href;
    for (const { loc, lastmod } of urls) {
      listed.push(loc);
      const source = ctx.sourceOf(loc);
      if (!isAbsoluteUrl(loc)) ctx.report(set.file, `<loc> ${loc} is not absolute`, source);
      else if (!loc.startsWith(folder)) ctx.report(set.file, `<loc> ${loc} is outside ${folder}, the folder of the sitemap that lists it`, source);
      if (loc.length >= 2048) ctx.report(set.file, `<loc> ${loc.slice(0, 80)}… is ${loc.length} characters; sitemaps.org allows fewer than 2,048`, source);
      if (lastmod !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(lastmod)) && !RFC_3339.test(String(lastmod))) {
        ctx.report(set.file, `<lastmod> ${lastmod} of ${loc} is not a W3C datetime`, source);
      }
      const target = ctx.resolve(loc, ctx.urlOf(set.file));
      if (target.external) ctx.report(set.file, `<loc> ${loc} is not on ${ctx.site.url}${ctx.site.basePath}`, source);
      else if (!target.file) ctx.report(set.file, `<loc> ${target.problem}`, source);
      else {
        const canonical = target.file.endsWith('.html') ? ctx.scan(target.file).canonical : undefined;
        if (canonical !== loc) ctx.report(set.file, `<loc> ${loc} differs from the page's canonical ${canonical ?? '(none)'}`, source);
      }
    }
  }
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const loc of listed) (seen.has(loc) ? dupes : seen).add(loc);
  for (const loc of dupes) ctx.report(file, `<loc> ${loc} is listed twice`);
  return listed;
}

/** robots.txt parses, names the sitemap by absolute URL, and applies the configured AI-crawler policy. */
export function checkRobots(ctx: CheckContext, file: string): void {
  const url = ctx.urlOf(file);
  const body = ctx.read(file);
  for (const [i, line] of body.split('\n').entries()) {
    const rule = line.replace(/#.*$/, '').trim();
    if (rule && !/^(user-agent|allow|disallow|sitemap|crawl-delay|content-signal)\s*:/i.test(rule)) ctx.report(file, `line ${i + 1} is not a robots.txt rule: "${line}"`);
  }
  const robots = robotsParser(url, body);
  const sitemap = absoluteUrl(ctx.site, sitemapPath());
  if (!robots.getSitemaps().includes(sitemap)) ctx.report(file, `has no "Sitemap: ${sitemap}" line`);
  const home = absoluteUrl(ctx.site, homePath());
  if (!robots.isAllowed(home, 'Mozilla/5.0 (compatible; Googlebot/2.1)')) ctx.report(file, 'shuts out search crawlers');
  const shutOut = disallowedAgents(ctx.site);
  for (const agent of new Set([...ctx.site.aiCrawlers.agents, ...shutOut])) {
    const allowed = !shutOut.includes(agent);
    if (robots.isAllowed(home, agent) !== allowed) ctx.report(file, `${agent} is not ${allowed ? 'allowed' : 'disallowed'} as aiCrawlers.policy says`);
  }
  const signal = contentSignalLine(ctx.site);
  if (!body.split('\n').includes(signal)) ctx.report(file, `has no "${signal}" line (aiCrawlers.policy)`);
}

/** security.txt (RFC 9116): Contact at least once, Expires exactly once, in the future and within a year. */
export function checkSecurityTxt(ctx: CheckContext, file: string): void {
  const fields = ctx.read(file).split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const colon = l.indexOf(':');
    return { name: l.slice(0, colon).toLowerCase(), value: l.slice(colon + 1).trim() };
  });
  const values = (name: string) => fields.filter((f) => f.name === name).map((f) => f.value);
  const contacts = values('contact');
  if (!contacts.length) ctx.report(file, 'has no Contact field (RFC 9116 requires one)');
  for (const c of contacts) if (!/^(mailto:|tel:|https:\/\/)/.test(c)) ctx.report(file, `Contact "${c}" is not a mailto:, tel: or https: URI`);
  const expires = values('expires');
  if (expires.length !== 1) ctx.report(file, `has ${expires.length} Expires fields; RFC 9116 requires exactly one`);
  for (const e of expires) {
    const when = new Date(e).getTime();
    const now = ctx.site.buildDate.getTime();
    if (!RFC_3339.test(e) || Number.isNaN(when)) ctx.report(file, `Expires "${e}" is not an RFC 3339 date-time`);
    else if (when <= now || when > now + 366 * 86_400_000) ctx.report(file, `Expires ${e} must lie after the build and less than a year ahead`);
  }
  if (values('preferred-languages').length > 1) ctx.report(file, 'has more than one Preferred-Languages field');
  for (const c of values('canonical')) if (c !== ctx.urlOf(file)) ctx.report(file, `Canonical ${c} is not ${ctx.urlOf(file)}`);
}
