/** The path with a trailing slash when a page path lacks one ("/about" → "/about/"); undefined for files and slashed paths. */
export function trailingSlashTarget(pathname: string): string | undefined {
  if (pathname.endsWith('/')) return undefined;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last.includes('.') ? undefined : `${pathname}/`;
}
