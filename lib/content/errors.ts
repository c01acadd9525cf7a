/** One problem in one content file, located as precisely as the source allows. */
export interface ContentIssue {
  /** Path relative to the content folder, e.g. `posts/hello.md`. */
  file: string;
  line?: number;
  column?: number;
  /** The frontmatter field, when the problem is in one. */
  field?: string;
  /** What is wrong and what to do about it. */
  message: string;
}

export function formatIssue(issue: ContentIssue): string {
  const where = [issue.file, issue.line, issue.line !== undefined ? issue.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  return `  ${where}  ${issue.field ? `${issue.field}: ` : ''}${issue.message}`;
}

/** Every invalid file of one run, reported together so an author fixes them in one pass. */
export class ContentError extends Error {
  override name = 'ContentError';
  constructor(
    readonly contentRoot: string,
    readonly issues: ContentIssue[],
  ) {
    const files = new Set(issues.map((i) => i.file)).size;
    super(
      `${issues.length} content error${issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} ` +
        `under ${contentRoot}:\n${issues.map(formatIssue).join('\n')}`,
    );
  }
}
