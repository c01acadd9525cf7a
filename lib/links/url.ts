// URL helpers every link rewriter shares: the HTML page tree (site links), feed HTML and markdown
// twins (absolute URLs), and the output checker.

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `https:`, `mailto:`, `data:` …: a URL that names its own scheme and never resolves against a page. */
export const hasScheme = (url: string) => SCHEME.test(url);

/** One candidate of a `srcset`: its URL and the width or density descriptor after it (`480w`, `2x`). */
export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/** The candidates of a `srcset` attribute, in order. */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  return srcset.split(',').map((candidate) => {
    const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
    return { url, descriptor: descriptor.join(' ') };
  });
}

/** A `srcset` with each candidate's URL passed through `rewrite`. */
export function rewriteSrcset(srcset: string, rewrite: (url: string) => string): string {
  return parseSrcset(srcset)
    .map(({ url, descriptor }) => [rewrite(url), descriptor].filter(Boolean).join(' '))
    .join(', ');
}

/** An absolute URL for a reference found in the page at `pageUrl` (mailto:, https: … stay as they are). */
export function absolutize(reference: string, pageUrl: string): string {
  if (hasScheme(reference)) return reference;
  try {
    return new URL(reference, pageUrl).href;
  } catch {
    return reference;
  }
}

/** Decodes percent-escapes of a URL path, or undefined when one is malformed (`50%.png`). */
export function decodePath(path: string): string | undefined {
  try {
    return decodeURI(path);
  } catch {
    return undefined;
  }
}
