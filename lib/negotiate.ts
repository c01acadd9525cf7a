// Content negotiation between a page's HTML and its markdown twin (RFC 9110 §12.5.1).
//
// HTML stays the default: a client gets markdown only when its Accept header names text/markdown
// itself with a quality above zero and at least as high as what it gives HTML. Browsers never name
// text/markdown, so they keep getting HTML; `*/*` alone means HTML.

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [range, ...params] = part.split(';').map((s) => s.trim());
    const [type, subtype] = (range ?? '').toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name?.toLowerCase() !== 'q') continue;
      // RFC 9110 qvalue: 0 to 1 with up to three decimals; anything else makes the range unusable.
      q = value !== undefined && /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0;
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The quality a client gives `type/subtype`: from its most specific matching range, 0 when none. */
function qualityOf(ranges: MediaRange[], type: string, subtype: string): number {
  const exact = ranges.filter((r) => r.type === type && r.subtype === subtype);
  if (exact.length) return Math.max(...exact.map((r) => r.q));
  const wildSub = ranges.filter((r) => r.type === type && r.subtype === '*');
  if (wildSub.length) return Math.max(...wildSub.map((r) => r.q));
  const any = ranges.filter((r) => r.type === '*' && r.subtype === '*');
  return any.length ? Math.max(...any.map((r) => r.q)) : 0;
}

/** True when the request's Accept header asks for the markdown twin rather than the HTML page. */
export function prefersMarkdown(accept: string | null | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const named = ranges.filter((r) => r.type === 'text' && r.subtype === 'markdown');
  if (!named.length) return false;
  const markdown = Math.max(...named.map((r) => r.q));
  return markdown > 0 && markdown >= qualityOf(ranges, 'text', 'html');
}

/**
 * The same decision as a regular expression for host rule languages that can only match a header
 * against a pattern (nginx, Vercel `has`): text/markdown named with a quality other than zero. It
 * cannot compare qualities, so `text/html, text/markdown;q=0.5` gets markdown there and HTML from
 * prefersMarkdown. PCRE and JavaScript syntax (a lookahead); RE2 hosts use the two halves instead.
 */
export const MARKDOWN_ACCEPT_PATTERN = 'text/markdown(?!\\s*;[^,]*q=0(\\.0*)?\\s*(,|;|$))';
/** RE2 (Caddy, Go): text/markdown is named… */
export const MARKDOWN_NAMED_PATTERN = 'text/markdown';
/** …and not with quality zero. */
export const MARKDOWN_REFUSED_PATTERN = 'text/markdown\\s*;[^,]*q=0(\\.0*)?\\s*(,|;|$)';
