import fs from 'node:fs';
import path from 'node:path';
import type { Content, Entry } from '@/lib/content';
import { absoluteUrl } from '@/lib/urls';
import { scanHtml, type HtmlScan } from './html';
import { postApiPath, twinPath } from '@/lib/paths';

/** One finding: the export file it is in, the content file it comes from when known, and what is wrong. */
export interface Problem {
  file: string;
  source?: string;
  message: string;
}

/** The export folder under check, with the content it was built from. */
export class CheckContext {
  readonly problems: Problem[] = [];
  readonly files: string[];
  private readonly fileSet: Set<string>;
  private readonly entryByUrl = new Map<string, Entry>();
  private readonly entryByFile = new Map<string, Entry>();
  private readonly scans = new Map<string, HtmlScan>();
  readonly origin: string;

  constructor(
    readonly outDir: string,
    readonly content: Content,
  ) {
    this.files = listFiles(outDir);
    this.fileSet = new Set(this.files);
    this.origin = new URL(content.site.url).origin;
    for (const entry of content.all) {
      this.entryByUrl.set(absoluteUrl(content.site, entry.path), entry);
      for (const file of [`${entry.path.slice(1)}index.html`, twinPath(entry).slice(1), postApiPath(entry.slug).slice(1)]) {
        if (entry.kind === 'post' || !file.startsWith('api/')) this.entryByFile.set(file, entry);
      }
    }
  }

  get site() {
    return this.content.site;
  }

  has(file: string): boolean {
    return this.fileSet.has(file);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.outDir, file), 'utf8');
  }

  /** An HTML file's links, alternates and canonical, parsed once however many checks ask. */
  scan(file: string): HtmlScan {
    let scan = this.scans.get(file);
    if (!scan) this.scans.set(file, (scan = scanHtml(this.read(file))));
    return scan;
  }

  /** The content file behind an export file or an absolute page URL, as a path from the project folder. */
  sourceOf(fileOrUrl: string): string | undefined {
    const entry = this.entryByFile.get(fileOrUrl) ?? this.entryByUrl.get(fileOrUrl.replace(/#.*$/, ''));
    return entry ? path.relative(process.cwd(), path.join(this.site.contentRoot, entry.file)) : undefined;
  }

  report(file: string, message: string, source?: string): void {
    this.problems.push({ file, message, ...(source ? { source } : {}) });
  }

  /** The absolute URL an export file is served at. */
  urlOf(file: string): string {
    const sitePath = `/${file}`.replace(/(^|\/)index\.html$/, '$1');
    return absoluteUrl(this.site, sitePath);
  }

  /**
   * Where a reference found in `fromUrl` lands: `external`, the export file it names, or a problem
   * (outside the base path, or no such file).
   */
  resolve(reference: string, fromUrl: string): { external: true } | { external: false; file?: string; problem?: string } {
    let url: URL;
    try {
      url = new URL(reference, fromUrl);
    } catch {
      return { external: false, problem: `"${reference}" is not a valid URL` };
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== this.origin) return { external: true };
    const base = this.site.basePath;
    if (base && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
      return { external: false, problem: `"${reference}" is outside the base path ${base}` };
    }
    let sitePath = decodeURIComponent(url.pathname.slice(base.length)) || '/';
    if (sitePath.endsWith('/')) sitePath += 'index.html';
    const file = sitePath.slice(1);
    if (this.has(file)) return { external: false, file };
    if (this.has(`${file}/index.html`)) return { external: false, file: `${file}/index.html` };
    return { external: false, problem: `"${reference}" points to nothing in the export` };
  }

  /** Reports every internal reference of `file` that points to nothing. */
  checkReferences(file: string, references: string[], fromUrl: string, source?: string): void {
    for (const reference of new Set(references)) {
      if (reference === '' || reference.startsWith('#') || /^(mailto|tel|data|javascript):/i.test(reference)) continue;
      const result = this.resolve(reference, fromUrl);
      if (!result.external && result.problem) this.report(file, result.problem, source ?? this.sourceOf(file));
    }
  }
}

function listFiles(root: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    return d.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

/** True when `value` is an absolute http(s) URL. */
export const isAbsoluteUrl = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\/[^\s/]+/.test(value);
