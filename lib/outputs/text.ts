// Text helpers shared by the renderers.

// XML 1.0 allows tab, LF, CR and U+0020 upward, but no lone surrogates and not U+FFFE/U+FFFF.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes the characters XML 1.0 forbids, so feeds and sitemaps stay well-formed. */
export const xmlSafe = (text: string): string => text.replace(XML_FORBIDDEN, '');

/** Escapes text for HTML or XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** HTML escape for text that a feed declares as HTML (Atom `type="html"`, RSS description). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** "1 post", "12 posts": the count lists, twins and llms.txt show beside a tag or a year. */
export const postCount = (n: number): string => `${n} post${n === 1 ? '' : 's'}`;

/** One line of plain text: whitespace runs collapsed, forbidden characters removed. */
export const oneLine = (text: string): string => xmlSafe(text).replace(/\s+/g, ' ').trim();
