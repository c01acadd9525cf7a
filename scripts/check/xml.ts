import { SaxesParser } from 'saxes';
import type { CheckContext } from './context';
import { byText } from './memo';

// Well-formedness by a conforming XML 1.0 parser with namespaces (saxes): what feed readers and
// libxml refuse, this refuses too — `]]>` in text, forbidden characters, undeclared prefixes,
// mismatched tags. fast-xml-parser's validator accepts some of these, so it only reads the tree.

export interface XmlError {
  line: number;
  column: number;
  message: string;
}

/** The first well-formedness or namespace error of an XML document, or undefined when it has none. */
export const xmlError = byText('xml-error', (text: string): XmlError | undefined => {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let first: XmlError | undefined;
  parser.on('error', (error) => {
    // saxes prefixes "line:column: "; the position is reported separately.
    first ??= { line: parser.line, column: parser.column, message: error.message.replace(/^\d+:\d+: /, '') };
  });
  try {
    parser.write(text).close();
  } catch (error) {
    first ??= { line: parser.line, column: parser.column, message: (error as Error).message };
  }
  return first;
});

// Each file is parsed once per check, whether the XML pass or a format check asks first.
const verdicts = new WeakMap<CheckContext, Map<string, boolean>>();

/** True when the export file is well-formed XML; otherwise reports the first error (once) and returns false. */
export function checkWellFormed(ctx: CheckContext, file: string, body = ctx.read(file)): boolean {
  let seen = verdicts.get(ctx);
  if (!seen) verdicts.set(ctx, (seen = new Map()));
  const known = seen.get(file);
  if (known !== undefined) return known;
  const error = xmlError(body);
  if (error) ctx.report(file, `is not well-formed XML (line ${error.line}, column ${error.column}): ${error.message}`, ctx.sourceOf(file));
  seen.set(file, !error);
  return !error;
}

/** Every XML file of the export (feeds, archives, sitemaps, anything a host file or plugin adds). */
export function checkXmlFiles(ctx: CheckContext): void {
  for (const file of ctx.files) if (/\.(xml|xsl|rss|atom)$/i.test(file) && !file.startsWith('_next/')) checkWellFormed(ctx, file);
}
